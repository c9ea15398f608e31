namespace Atendimento.Platform.Health;

public static class HealthTags
{
    /// <summary>Checks that must pass before the instance takes traffic (/health/ready).</summary>
    public const string Ready = "ready";
}
