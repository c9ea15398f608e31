using Atendimento.Bot.Dialogs;

namespace Atendimento.Bot.Tests.Dialogs;

public sealed class ValidatorsTests
{
    [Theory]
    [InlineData("52998224725", "52998224725")]
    [InlineData("529.982.247-25", "52998224725")]
    [InlineData(" 111.444.777-35 ", "11144477735")]
    [InlineData("meu cpf é 111 444 777 35", "11144477735")]
    [InlineData("39053344705", "39053344705")]
    public void A_valid_cpf_is_accepted_and_normalised_to_its_digits(string input, string digits)
    {
        Assert.Equal(digits, Validators.Cpf(input));
        Assert.Equal(digits, Validators.Validate("cpf", input));
    }

    [Theory]
    [InlineData("52998224724")]
    [InlineData("52998224715")]
    [InlineData("529.982.247-52")]
    [InlineData("11144477736")]
    public void A_cpf_with_a_wrong_check_digit_is_rejected(string input) =>
        Assert.Null(Validators.Cpf(input));

    [Theory]
    [InlineData("00000000000")]
    [InlineData("11111111111")]
    [InlineData("999.999.999-99")]
    public void A_cpf_of_all_equal_digits_is_rejected_although_its_check_digits_add_up(string input) =>
        Assert.Null(Validators.Cpf(input));

    [Theory]
    [InlineData("")]
    [InlineData("5299822472")]
    [InlineData("529982247250")]
    [InlineData("não sei")]
    public void A_cpf_without_exactly_eleven_digits_is_rejected(string input) =>
        Assert.Null(Validators.Validate("cpf", input));

    [Theory]
    [InlineData("abc 12-34", "1234")]
    [InlineData("sem numeros", null)]
    public void The_digits_validator_keeps_only_digits_and_needs_at_least_one(string input, string? expected) =>
        Assert.Equal(expected, Validators.Validate("digits", input));

    [Theory]
    [InlineData("  Maria  ", "Maria")]
    [InlineData("   ", null)]
    public void The_text_validator_trims_and_rejects_blank_answers(string input, string? expected) =>
        Assert.Equal(expected, Validators.Validate("text", input));
}
