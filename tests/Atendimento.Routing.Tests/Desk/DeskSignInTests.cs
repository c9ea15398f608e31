using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Identity;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>Passwords checked by ASP.NET Core's hasher, and guessing slowed down per account and per address.</summary>
public sealed class DeskSignInTests
{
    private const string Password = "senha-forte-da-ana";
    private readonly FakeTimeProvider _clock = new();
    private readonly InMemoryDeskUserStore _users = new();
    private readonly DeskSignIn _signIn;

    public DeskSignInTests()
    {
        _signIn = new DeskSignIn(_users, new InMemorySignInThrottle(_clock));
        var ana = new DeskUser(TenantId.Default, "ana", "Ana Souza", DeskRole.Agent, "ana", string.Empty);
        _users.UpsertAsync(ana with { PasswordHash = DeskSignIn.HashPassword(ana, Password) }).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_right_password_signs_in_and_the_stored_hash_is_not_the_password()
    {
        var outcome = await SignIn("ana", Password);

        Assert.True(outcome.Succeeded);
        Assert.Equal(DeskRole.Agent, outcome.User!.Role);
        Assert.DoesNotContain(Password, (await _users.FindAsync(TenantId.Default, "ana"))!.PasswordHash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ana", "senha-errada")]
    [InlineData("ninguem", Password)]
    public async Task A_wrong_password_or_an_unknown_user_fails_the_same_way(string userName, string password)
    {
        var outcome = await SignIn(userName, password);

        Assert.Equal((false, (TimeSpan?)null), (outcome.Succeeded, outcome.RetryAfter));
    }

    [Fact]
    public async Task After_five_failures_even_the_right_password_waits_until_the_window_has_passed()
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await SignIn("ana", "chute-" + i);
        }

        var blocked = await SignIn("ana", Password);
        Assert.False(blocked.Succeeded);
        Assert.Equal(SignInThrottle.Window, blocked.RetryAfter);

        _clock.Advance(SignInThrottle.Window);
        Assert.True((await SignIn("ana", Password)).Succeeded);
    }

    [Fact]
    public async Task Guessing_many_accounts_from_one_address_is_slowed_too()
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            await SignIn("usuario-" + i, "chute");
        }

        Assert.NotNull((await SignIn("ana", Password)).RetryAfter);
        Assert.True((await _signIn.SignInAsync(TenantId.Default, "ana", Password, "10.0.0.2", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_user_of_one_tenant_cannot_sign_in_to_another()
    {
        var outcome = await _signIn.SignInAsync(new TenantId("outra-empresa"), "ana", Password, "10.0.0.1", CancellationToken.None);

        Assert.False(outcome.Succeeded);
    }

    private Task<SignInOutcome> SignIn(string userName, string password) =>
        _signIn.SignInAsync(TenantId.Default, userName, password, "10.0.0.1", CancellationToken.None);
}
