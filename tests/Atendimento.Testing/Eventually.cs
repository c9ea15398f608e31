using System.Diagnostics;

namespace Atendimento.Testing;

/// <summary>
/// Waits for something another thread or process does, on the real clock (integration tests only): the
/// condition is checked until it holds or the patience runs out, then the test fails saying what was awaited.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > (patience ?? DefaultPatience))
            {
                throw new TimeoutException($"Waited {elapsed.Elapsed.TotalSeconds:0.0} s for {what}.");
            }
            await Task.Delay(50);
        }
    }
}
