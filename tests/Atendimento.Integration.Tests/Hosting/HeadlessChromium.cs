using Atendimento.Testing;
using Microsoft.Playwright;

namespace Atendimento.Integration.Tests.Hosting;

/// <summary>The Debian Chromium the browser tests drive, started the same way for every test class.</summary>
public static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = TestEnvironment.Chromium,
        Headless = true,
        // Without these Chromium reaches for Google services this machine cannot reach (env notes).
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
