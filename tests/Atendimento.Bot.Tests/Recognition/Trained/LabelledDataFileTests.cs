using Atendimento.Bot.Cli;

namespace Atendimento.Bot.Tests.Recognition.Trained;

public sealed class LabelledDataFileTests
{
    [Fact]
    public void Csv_fields_may_hold_quoted_commas_doubled_quotes_and_line_breaks()
    {
        var csv = "text,category\n\"I said \"\"hi\"\", then left\",greeting\nplain text,other\r\n\"two\nlines\",multi\n";

        var result = LabelledDataFile.ParseCsv(csv);

        Assert.Null(result.Error);
        Assert.Equal(["I said \"hi\", then left", "plain text", "two\nlines"], result.Rows.Select(r => r.Text));
        Assert.Equal(["greeting", "other", "multi"], result.Rows.Select(r => r.Intent));
    }

    [Fact]
    public void Csv_columns_are_found_by_header_name_in_any_order()
    {
        var result = LabelledDataFile.ParseCsv("intent,text\nboleto,segunda via\n");

        Assert.Equal("segunda via", Assert.Single(result.Rows).Text);
        Assert.Equal("boleto", result.Rows[0].Intent);
    }

    [Fact]
    public void A_csv_row_with_the_wrong_number_of_fields_is_reported_with_its_line()
    {
        var result = LabelledDataFile.ParseCsv("text,intent\n\"a, b\",x\n\"multi\nline\",y\nc,d,e\n");

        Assert.Equal("5: expected 2 fields, found 3", result.Error);
    }

    [Fact]
    public void An_unterminated_quote_is_reported_with_the_line_it_opens_on()
    {
        var result = LabelledDataFile.ParseCsv("text,intent\nok,x\n\"never closed,y\n");

        Assert.Equal("3: unterminated quoted field", result.Error);
    }

    [Fact]
    public void A_csv_without_text_and_intent_columns_is_rejected_at_line_one()
    {
        Assert.StartsWith("1: the header must name", LabelledDataFile.ParseCsv("message,label\nhi,x\n").Error);
    }

    [Fact]
    public void Jsonl_rows_are_read_and_a_bad_line_is_reported_with_its_number()
    {
        var good = LabelledDataFile.ParseJsonLines("{\"text\": \"oi, tudo bem?\", \"intent\": \"saudacao\"}\n\n{\"text\":\"tchau\",\"intent\":\"despedida\"}\n");
        var bad = LabelledDataFile.ParseJsonLines("{\"text\": \"oi\", \"intent\": \"saudacao\"}\n{\"text\": \"sem intent\"}\n");
        var broken = LabelledDataFile.ParseJsonLines("{\"text\": \"oi\", \"intent\": \"saudacao\"}\n\n{\"text\": \n");

        Assert.Equal(["oi, tudo bem?", "tchau"], good.Rows.Select(r => r.Text));
        Assert.StartsWith("2: expected string properties", bad.Error);
        Assert.StartsWith("3: invalid JSON", broken.Error);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var result = LabelledDataFile.Load("/nonexistent/train.csv");

        Assert.Equal("/nonexistent/train.csv: file not found", result.Error);
    }
}
