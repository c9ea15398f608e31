using System.Security.Cryptography;
using System.Text;

namespace Atendimento.Routing.Agents;

/// <summary>API keys are long random strings, so one fast hash is enough; no salt or stretching is needed.</summary>
public static class ApiKeyHash
{
    public static string Of(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
