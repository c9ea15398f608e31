using System.Threading.RateLimiting;

namespace Atendimento.Bot.WebChat;

public static class WebChatModule
{
    public static IServiceCollection AddWebChatPage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.Section));
        var perMinute = configuration.GetSection(WebChatOptions.Section).Get<WebChatOptions>()?.TokensPerMinutePerAddress ?? new WebChatOptions().TokensPerMinutePerAddress;
        // The token endpoint is public and each call creates a conversation: bound what one address can create.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many new conversations", Detail = "Try again in a minute." },
                });
            };
            limiter.AddPolicy(WebChatEndpoints.TokenRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder app)
    {
        WebChatEndpoints.Map(app);
        return app;
    }
}
