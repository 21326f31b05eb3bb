using Ezrouter.Cli.Hosting;

namespace Ezrouter.Cli.Tests.Hosting;

/// <summary>
/// Issue 14, item 3: the spinner shows only when the first token takes over a second, and only on a terminal. The
/// process test (OutputTests) sees it drawn on a real terminal; these pin the two cases a user must not see it in.
/// </summary>
public sealed class SpinnerTests
{
    [Fact]
    public async Task AFirstTokenWithinASecondDrawsNothing()
    {
        var stdout = new StringWriter();
        var console = new CliConsole(stdout, new StringWriter(), isTerminal: true);

        await using (var spinner = Spinner.StartIfTerminal(console))
        {
            Assert.NotNull(spinner);
            await Task.Delay(300);
            await spinner.StopAsync();
        }

        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task AWaitOverASecondIsDrawnThenErasedWithoutMovingTheLine()
    {
        var stdout = new StringWriter();
        var console = new CliConsole(stdout, new StringWriter(), isTerminal: true);

        await using (var spinner = Spinner.StartIfTerminal(console))
        {
            await Task.Delay(1600);
            await spinner!.StopAsync();
        }

        Assert.Contains("waiting for the first token", stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(console.Out.AtLineStart);
    }

    [Fact]
    public void RedirectedOutputGetsNoSpinner()
    {
        var console = new CliConsole(new StringWriter(), new StringWriter(), isTerminal: false);

        Assert.Null(Spinner.StartIfTerminal(console));
    }
}
