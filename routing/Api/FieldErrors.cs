using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Atendimento.Routing.Api;

/// <summary>Collects field errors for a ValidationProblem (400), so a bad payload names every bad field at once.</summary>
internal sealed partial class FieldErrors
{
    public const int MaxReasonLength = 1000;
    public const int MaxTextLength = 4096;
    private const int MaxNameLength = 64;

    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public ValidationProblem Problem() => TypedResults.ValidationProblem(_errors);

    public void Add(string field, string message) => _errors[field] = [message];

    /// <summary>Trimmed text of 1 to <paramref name="max"/> characters; an absent optional value stays null.</summary>
    public string? Text(string field, string? value, bool required, int max = MaxReasonLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, $"{Capital(field)} is required.");
            }
            return null;
        }
        if (trimmed.Length > max)
        {
            Add(field, $"{Capital(field)} must be at most {max} characters.");
        }
        return trimmed;
    }

    /// <summary>A name (agent id, queue, tag): 1 to 64 letters, digits, '-', '_', '.' or ':'.</summary>
    public string? Name(string field, string? value, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, $"{Capital(field)} is required.");
            }
            return null;
        }
        if (trimmed.Length > MaxNameLength || !NamePattern().IsMatch(trimmed))
        {
            Add(field, $"{Capital(field)} must be 1 to {MaxNameLength} letters, digits, '-', '_', '.' or ':'.");
        }
        return trimmed;
    }

    /// <summary>An enum by name, case-insensitive; numbers are refused so that "7" cannot slip through as a value.</summary>
    public TEnum? Enum<TEnum>(string field, string? value, bool required) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"{Capital(field)} is required. Use one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
            }
            return null;
        }
        if (!System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) || !char.IsLetter(value.Trim()[0]) || !System.Enum.IsDefined(parsed))
        {
            Add(field, $"Unknown {field} '{value}'. Use one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
            return null;
        }
        return parsed;
    }

    private static string Capital(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    [GeneratedRegex("^[\\p{L}\\p{N}_.:-]+$")]
    private static partial Regex NamePattern();
}
