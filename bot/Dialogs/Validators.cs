namespace Atendimento.Bot.Dialogs;

/// <summary>The validators an <c>ask</c> step can name: each takes the answer and returns the value to keep, or null when invalid.</summary>
internal static class Validators
{
    public static IReadOnlyDictionary<string, Func<string, string?>> All { get; } = new Dictionary<string, Func<string, string?>>(StringComparer.Ordinal)
    {
        ["text"] = Text,
        ["cpf"] = Cpf,
        ["digits"] = input => Digits(input) is { Length: > 0 } digits ? digits : null,
    };

    public static string? Validate(string validator, string input) => All.GetValueOrDefault(validator, Text)(input);

    private static string? Text(string input) => string.IsNullOrWhiteSpace(input) ? null : input.Trim();

    /// <summary>A CPF is 11 digits whose last two are check digits (mod 11); all-equal digits are invalid by rule.</summary>
    public static string? Cpf(string input)
    {
        var digits = Digits(input);
        if (digits.Length != 11 || digits.Distinct().Count() == 1)
        {
            return null;
        }
        return CheckDigit(digits, 9) == digits[9] - '0' && CheckDigit(digits, 10) == digits[10] - '0' ? digits : null;
    }

    private static int CheckDigit(string digits, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += (digits[i] - '0') * (length + 1 - i);
        }
        var rest = sum * 10 % 11;
        return rest == 10 ? 0 : rest;
    }

    private static string Digits(string input) => new(input.Where(char.IsAsciiDigit).ToArray());
}
