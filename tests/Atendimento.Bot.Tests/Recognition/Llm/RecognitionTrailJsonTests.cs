using System.Text.Json;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;

namespace Atendimento.Bot.Tests.Recognition.Llm;

/// <summary>
/// The trail's LLM note is optional: conversation states and handoff records stored before it existed still load,
/// and a step the stage never saw is stored as it was before (no <c>llm</c> key in the conversation state).
/// </summary>
public sealed class RecognitionTrailJsonTests
{
    private const string StepWithoutNote = """{"text":"quero a segunda via","intent":"segunda_via","confidence":0.8125,"at":"2026-11-18T17:00:00Z"}""";

    [Fact]
    public void A_conversation_state_saved_before_the_llm_stage_loads_with_no_note()
    {
        var state = JsonSerializer.Deserialize<DialogState>($$"""{"schema":2,"stack":[],"trail":[{{StepWithoutNote}}]}""", ConversationJson.Options)!;

        var step = Assert.Single(state.Trail);
        Assert.Equal(("quero a segunda via", "segunda_via", 0.8125, (LlmRerank?)null), (step.Text, step.Intent, step.Confidence, step.Llm));
    }

    [Fact]
    public void A_handoff_record_stored_before_the_llm_stage_loads_with_no_note()
    {
        var json = $$"""
            {"id":"de442c67-f31d-4e39-9d97-fdd02f5d1498","reasonCode":"low_confidence","level":"N1","queue":"atendimento-geral","skills":[],
             "intent":"segunda_via","confidence":0.8125,"recognitionTrail":[{{StepWithoutNote}}],"collectedData":{},"transcript":[],
             "channel":"directline","customerName":null,"at":"2026-11-18T17:00:01Z"}
            """;

        var record = JsonSerializer.Deserialize<HandoffRecord>(json, HandoffJson.Options)!;

        Assert.Null(Assert.Single(record.RecognitionTrail).Llm);
    }

    [Fact]
    public void A_note_round_trips_by_name_and_a_step_without_one_is_written_as_before()
    {
        var at = new DateTimeOffset(2026, 11, 18, 17, 0, 0, TimeSpan.Zero);
        var state = new DialogState { Trail = [new RecognitionStep("fibra", "planos", 0.75, at, new LlmRerank(LlmOutcome.Picked, "mudanca_endereco")), new RecognitionStep("xpto", null, 0, at)] };

        var json = JsonSerializer.Serialize(state, ConversationJson.Options);
        var loaded = JsonSerializer.Deserialize<DialogState>(json, ConversationJson.Options)!;

        Assert.Contains("""
            "llm":{"outcome":"Picked","intent":"mudanca_endereco"}
            """, json, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("trail").EnumerateArray(), step => step.TryGetProperty("llm", out _));
        Assert.Equal(state.Trail, loaded.Trail);
    }
}
