namespace Atendimento.Platform.Tenancy;

/// <summary>The business a row belongs to. Every table carries it from the first migration.</summary>
public readonly record struct TenantId(string Value)
{
    /// <summary>The tenant the embedded default and the development seed use.</summary>
    public static readonly TenantId Default = new("default");

    public override string ToString() => Value;
}
