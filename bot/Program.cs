using Atendimento.Bot;
using Atendimento.Bot.Channels.BotFramework;
using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Bot.Hosting;
using Atendimento.Bot.WebChat;
using Atendimento.Handoff;
using Atendimento.Platform;
using Atendimento.Platform.Metrics;
using Atendimento.Routing;

if (args is ["dialogs", ..]) return Atendimento.Bot.Cli.DialogsCli.Run(args);

// No authentication scheme is the default: each API names its own (the agent API its key scheme).
AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);

var builder = WebApplication.CreateBuilder(args);
builder.AddObservability();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddPlatform(builder.Configuration);
builder.Services.AddTicketRouting(builder.Configuration);
builder.Services.AddHandoff();
builder.Services.AddBot(builder.Configuration);
builder.Services.AddDirectLine(builder.Configuration);
builder.Services.AddEmulatorChannel(builder.Configuration);
builder.Services.AddWhatsApp(builder.Configuration);
builder.Services.AddWebChatPage(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealth();
app.MapPrometheusMetrics();
app.MapWebChatPage();
app.MapDirectLine();
app.MapEmulatorChannel();
app.MapWhatsApp();
app.MapTicketRouting();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
