using Atendimento.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>
/// The real host (Program) on Kestrel, on a free loopback port, so tests speak the real protocols over real
/// sockets: HTTP, WebSockets, a browser. Settings are applied on top of appsettings.Development.json.
/// </summary>
public sealed class AtendimentoHost : WebApplicationFactory<Program>
{
    public const string DirectLineSecret = "dev-directline-secret-default";
    public const string AnaKey = "dev-agent-ana";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private AtendimentoHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Starts a host; <paramref name="postgres"/> and <paramref name="redis"/> null mean the embedded defaults.
    /// <paramref name="services"/> replaces registrations after the app's own (a fake clock, for one).
    /// </summary>
    public static AtendimentoHost Start(string? postgres, string? redis, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
            ["DirectLine:HeartbeatSeconds"] = "2",
            ["WebChat:ScriptPath"] = Environment.GetEnvironmentVariable("ATENDIMENTO_WEBCHAT_JS"),
            ["Logging:LogLevel:Default"] = "Warning",
            // Every test's hosts share the one Redis of ./test.sh and sign in from 127.0.0.1: each host set is its
            // own deployment, so one test's wrong passwords never lock another's agents out.
            ["Desk:SignInThrottleNamespace"] = Guid.NewGuid().ToString("N"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = new AtendimentoHost(settings, services);
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    /// <summary>A plain HTTP client against the Kestrel address (not the in-memory test server).</summary>
    public HttpClient Http(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
