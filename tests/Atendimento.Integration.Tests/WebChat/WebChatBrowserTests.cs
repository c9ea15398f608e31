using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;
using Microsoft.Playwright;

namespace Atendimento.Integration.Tests.WebChat;

/// <summary>
/// The official Web Chat widget (botframework-webchat 4.18.1, dist/webchat.js) in real headless Chromium against
/// our Direct Line: it must connect, render the welcome and the bot's answer, and never report a failed send.
/// </summary>
public sealed class WebChatBrowserTests(PostgresRedisFixture fixture) : IClassFixture<PostgresRedisFixture>, IAsyncLifetime
{
    // Web Chat's own texts for a failed send, in English and in the pt-BR locale the page uses.
    private static readonly string[] SendFailedTexts = ["Send failed", "Falha ao enviar", "Não foi possível enviar"];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Web_chat_shows_the_welcome_sends_a_message_and_renders_the_reply_without_send_failures()
    {
        _ = TestEnvironment.WebChatScript; // fail clearly when test.sh did not fetch the bundle
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { Locale = "pt-BR" });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/?sendTimeout=3000").ToString());
        await page.GetByText("Eu sou a Lia").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        await page.GetByText("Como posso ajudar?").First.WaitForAsync();

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("quero conhecer os planos");
        await sendBox.PressAsync("Enter");
        await page.GetByText("Nossos planos de fibra").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await page.GetByText("quero conhecer os planos").First.WaitForAsync();

        // Past the shortened send timeout: a missing or malformed echo would have turned into a send failure by now.
        await Task.Delay(4000);
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var failure in SendFailedTexts)
        {
            Assert.DoesNotContain(failure, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("demorando mais do que o habitual", text, StringComparison.Ordinal);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("directline", StringComparison.OrdinalIgnoreCase));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "webchat.png") });
    }
}
