namespace Atendimento.Bot.Recognition.Llm;

public static class LlmRerankingModule
{
    /// <summary>The optional LLM stage, off by default; when on, a missing endpoint or model stops the start-up.</summary>
    public static IServiceCollection AddLlmReranking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmRerankOptions>().Bind(configuration.GetSection(LlmRerankOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(LlmReranker.ClientName);
        services.AddSingleton<IIntentReranker, LlmReranker>();
        return services;
    }
}
