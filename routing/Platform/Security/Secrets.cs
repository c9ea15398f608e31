using System.Security.Cryptography;
using System.Text;

namespace Atendimento.Platform.Security;

/// <summary>Comparisons of configured secrets with what a caller sent, in time that does not depend on where they differ.</summary>
public static class Secrets
{
    /// <summary>
    /// Equal texts? Both are hashed first, so the comparison also takes the same time whatever their lengths.
    /// An empty expected value never matches: an unset secret must not accept an empty credential.
    /// </summary>
    public static bool Match(string expected, string given) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
