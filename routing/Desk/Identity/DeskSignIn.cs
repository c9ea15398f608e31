using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>The outcome of a sign-in: the user, or why not (wrong credentials, or too many failures: wait).</summary>
public sealed record SignInOutcome(DeskUser? User, TimeSpan? RetryAfter)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks a desk user's password with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>. An unknown user costs
/// the same hashing work as a wrong password, so timing does not tell which accounts exist; a hash in an older
/// format is upgraded on a successful sign-in.
/// </summary>
public sealed class DeskSignIn(IDeskUserStore users, ISignInThrottle throttle)
{
    private static readonly PasswordHasher<DeskUser> Hasher = new();
    private static readonly DeskUser Nobody = new(TenantId.Default, "-", "-", DeskRole.Agent, null, Hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public static string HashPassword(DeskUser user, string password) => Hasher.HashPassword(user, password);

    public async Task<SignInOutcome> SignInAsync(TenantId tenantId, string userName, string password, string? address, CancellationToken cancellationToken)
    {
        var account = $"user:{tenantId.Value}/{DeskUser.Normalize(userName)}";
        var from = $"address:{address ?? "unknown"}";
        string[] keys = [account, from];
        if (await throttle.TryBeginAsync(keys, cancellationToken) is { } wait)
        {
            return new SignInOutcome(null, wait);
        }
        var user = await users.FindAsync(tenantId, userName, cancellationToken);
        var verdict = Hasher.VerifyHashedPassword(user ?? Nobody, (user ?? Nobody).PasswordHash, password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            return new SignInOutcome(null, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = user with { PasswordHash = HashPassword(user, password) };
            await users.UpsertAsync(user, cancellationToken);
        }
        await throttle.SucceededAsync(keys, cancellationToken);
        return new SignInOutcome(user, null);
    }
}
