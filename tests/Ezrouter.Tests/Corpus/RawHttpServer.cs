using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ezrouter.Tests.Corpus;

/// <summary>
/// A fake gateway on a real loopback socket that writes exactly the bytes it is given — a Content-Length the body
/// does not reach, any Content-Encoding over any bytes — then closes with FIN, or with RST (linger 0). Kestrel would
/// refuse both. It records each request's head and body as text, for the redirect cases.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<RawHttpServer, RawAnswer> _answer;

    public RawHttpServer(Func<RawHttpServer, RawAnswer> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Each request as received (head and body), in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var received = new List<byte>();
            var buffer = new byte[8192];
            var headEnd = -1;
            var contentLength = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0) break;
                received.AddRange(buffer.AsSpan(0, read).ToArray());
                if (headEnd < 0)
                {
                    headEnd = IndexOf(received, "\r\n\r\n"u8.ToArray());
                    if (headEnd >= 0)
                    {
                        var head = Encoding.Latin1.GetString(received.ToArray(), 0, headEnd);
                        foreach (var line in head.Split("\r\n"))
                            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) contentLength = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                if (headEnd >= 0 && received.Count >= headEnd + 4 + contentLength) break;
            }
            Requests.Enqueue(Encoding.UTF8.GetString(received.ToArray()));
            var answer = _answer(this);
            await socket.SendAsync(answer.Bytes, SocketFlags.None, timeout.Token);
            if (answer.Reset)
            {
                // Give the client a moment to read what was sent, then reset rather than close.
                await Task.Delay(150, timeout.Token);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
                // Drain until the client closes its side (or the timeout), so the FIN is not followed by an RST.
                try
                {
                    while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0) { }
                }
                catch (Exception)
                {
                }
                socket.Close();
            }
        }
        catch (Exception)
        {
            socket.Dispose();
        }
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
        }
        _stop.Dispose();
    }
}
