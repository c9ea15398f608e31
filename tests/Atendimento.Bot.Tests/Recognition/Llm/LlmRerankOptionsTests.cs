using Atendimento.Bot.Recognition.Llm;
using Atendimento.Platform;
using Atendimento.Routing;
using Atendimento.Handoff;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Tests.Recognition.Llm;

/// <summary><c>Recognition:Llm</c> as the host binds and checks it at start-up (the same <see cref="IStartupValidator"/> the host runs).</summary>
public sealed class LlmRerankOptionsTests
{
    [Fact]
    public void Without_configuration_the_stage_is_off_with_a_three_second_timeout_and_the_start_passes()
    {
        using var services = Services([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<LlmRerankOptions>>().Value;
        Assert.Equal((false, 3.0, (int?)null), (options.Enabled, options.TimeoutSeconds, options.MaxCandidates));
        Assert.False(services.GetRequiredService<IIntentReranker>().Enabled);
    }

    [Fact]
    public void Enabled_without_endpoint_and_model_stops_the_start_naming_both_keys()
    {
        using var services = Services(new() { ["Recognition:Llm:Enabled"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("Recognition:Llm:Endpoint", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Recognition:Llm:Model", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost:11434/v1")]
    [InlineData("ftp://127.0.0.1/v1")]
    [InlineData("/v1")]
    public void An_endpoint_that_is_not_an_http_url_stops_the_start(string endpoint)
    {
        using var services = Services(new() { ["Recognition:Llm:Enabled"] = "true", ["Recognition:Llm:Endpoint"] = endpoint, ["Recognition:Llm:Model"] = "llama3.2" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Recognition:Llm:Endpoint", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_out_of_range_stops_the_start()
    {
        using var services = Services(new() { ["Recognition:Llm:TimeoutSeconds"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void A_local_server_needs_no_key()
    {
        using var services = Services(new() { ["Recognition:Llm:Enabled"] = "true", ["Recognition:Llm:Endpoint"] = "http://127.0.0.1:11434/v1", ["Recognition:Llm:Model"] = "llama3.2" });

        services.GetRequiredService<IStartupValidator>().Validate();

        var reranker = services.GetRequiredService<IIntentReranker>();
        Assert.True(reranker.Enabled);
        Assert.Null(services.GetRequiredService<IOptions<LlmRerankOptions>>().Value.ApiKey);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddPlatform(configuration).AddTicketRouting(configuration).AddHandoff().AddBot(configuration);
        return services.BuildServiceProvider();
    }
}
