using System.Text.RegularExpressions;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;
using Microsoft.Playwright;

namespace Atendimento.Integration.Tests.Desk;

/// <summary>
/// Headless Chromium with the pages the desk tests drive: the desk (/desk) signed in as a user, and a customer on
/// the Web Chat page (/) with the official widget. Each page gets its own browser context (its own cookies).
/// </summary>
public sealed class DeskPages : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Patience = new() { Timeout = 20_000 };
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = TestEnvironment.WebChatScript; // fail clearly when test.sh did not fetch the bundle
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>The desk at <paramref name="address"/> (a host, or a proxy in front of one), signed in through its own form.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> DeskAsync(Uri address, string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "pt-BR", ViewportSize = new() { Width = 1360, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "/desk").ToString());
        await page.Locator("#signin-user").FillAsync(userName);
        await page.Locator("#signin-password").FillAsync(DeskClient.Password);
        await page.Locator("#signin-form button[type=submit]").ClickAsync();
        await page.Locator("#connection[data-state=online]").WaitForAsync(Patience);
        return (context, page);
    }

    /// <summary>A customer on the Web Chat page of <paramref name="host"/> who asks for a person; returns the ticket number the bot told them.</summary>
    public async Task<(IPage Page, long TicketId)> CustomerHandedOffAsync(AtendimentoHost host)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "pt-BR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByText("Como posso ajudar?").First.WaitForAsync(Patience);
        await SayAsync(page, "quero falar com um atendente");
        var protocol = page.GetByText(new Regex("Seu protocolo é")).First;
        await protocol.WaitForAsync(Patience);
        var number = Regex.Match(await protocol.InnerTextAsync(), @"protocolo é (\d+)").Groups[1].Value;
        return (page, long.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task SayAsync(IPage customer, string text)
    {
        var sendBox = customer.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    public static Task SeesAsync(IPage page, string text) => page.GetByText(text).First.WaitForAsync(Patience);

    public static Task WaitAsync(ILocator locator) => locator.WaitForAsync(Patience);

    /// <summary>Where the screenshots for docs/ go: the repository's docs/images, found from the test's folder.</summary>
    public static string DocsImage(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Atendimento.sln")))
        {
            folder = folder.Parent;
        }
        var images = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }
}
