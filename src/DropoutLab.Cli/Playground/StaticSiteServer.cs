using System.Net;
using System.Net.Sockets;

namespace DropoutLab.Cli.Playground;

/// <summary>
/// Serves one folder as a static web site on 127.0.0.1: GET and HEAD only, "/" is index.html, a precompressed
/// <c>.br</c> or <c>.gz</c> sibling when the browser accepts it, and nothing outside the folder. It is built on
/// <see cref="HttpListener"/> from the base class library: a static site on loopback for one user needs none of
/// Kestrel's features, and the tool gains no dependency.
/// </summary>
internal sealed class StaticSiteServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _root;

    private StaticSiteServer(HttpListener listener, string root, int port)
    {
        _listener = listener;
        _root = root;
        Port = port;
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The site's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// Starts serving <paramref name="root"/> on 127.0.0.1:<paramref name="port"/> (0: a free port). Throws
    /// <see cref="IOException"/> naming the port when it cannot be listened on.
    /// </summary>
    public static StaticSiteServer Start(string root, int port)
    {
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

        // HttpListener takes no port 0: ask the system for a free port, then listen on it. Another process could take
        // it in between, so a few attempts are made.
        int attempts = port == 0 ? 5 : 1;
        for (int attempt = 1; ; attempt++)
        {
            int chosen = port == 0 ? FreePort() : port;
            var listener = new HttpListener { IgnoreWriteExceptions = true };
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
            try
            {
                listener.Start();
                return new StaticSiteServer(listener, fullRoot, chosen);
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                if (attempt < attempts)
                {
                    continue;
                }

                throw new IOException($"cannot listen on 127.0.0.1 port {chosen} ({ex.Message}); is another server using it? Choose another with --port N, or --port 0 for a free one.", ex);
            }
        }
    }

    /// <summary>Answers requests until <paramref name="stop"/> is cancelled, then stops listening.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using CancellationTokenRegistration registration = stop.Register(_listener.Stop);
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (stop.IsCancellationRequested && ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(Task.Run(() => Answer(context), CancellationToken.None));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Close();

    /// <summary>The MIME type of a file by its extension; unknown kinds are application/octet-stream.</summary>
    internal static string ContentType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".HTML" or ".HTM" => "text/html; charset=utf-8",
        ".JS" or ".MJS" => "text/javascript; charset=utf-8",
        ".CSS" => "text/css; charset=utf-8",
        ".JSON" or ".MAP" => "application/json; charset=utf-8",
        ".WASM" => "application/wasm",
        ".PNG" => "image/png",
        ".SVG" => "image/svg+xml",
        ".ICO" => "image/x-icon",
        ".CSV" => "text/csv; charset=utf-8",
        ".TXT" => "text/plain; charset=utf-8",
        ".WOFF2" => "font/woff2",
        _ => "application/octet-stream", // .dat, .blat, .pdb, .dll and anything else
    };

    /// <summary>
    /// The file under <paramref name="root"/> that the request path <paramref name="rawPath"/> names (as sent, before
    /// any normalisation), or null when it names nothing there: a missing file, a folder, or a path that would leave
    /// the folder (a "." or ".." segment, encoded or not, a backslash, a NUL).
    /// </summary>
    internal static string? Resolve(string root, string rawPath)
    {
        int end = rawPath.IndexOfAny(['?', '#']);
        string path = end >= 0 ? rawPath[..end] : rawPath;
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var segments = new List<string>();
        foreach (string raw in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string segment = Uri.UnescapeDataString(raw);
            if (segment is "." or ".." || segment.IndexOfAny(['/', '\\', '\0', ':']) >= 0)
            {
                return null;
            }

            segments.Add(segment);
        }

        if (path.EndsWith('/'))
        {
            segments.Add("index.html");
        }

        string full = Path.GetFullPath(Path.Combine([root, .. segments]));
        bool inside = full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    /// <summary>The content codings an Accept-Encoding header accepts (upper case; those with q=0 are refused).</summary>
    internal static IEnumerable<string> AcceptedEncodings(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            yield break;
        }

        foreach (string part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split(';', StringSplitOptions.TrimEntries);
            bool refused = pieces.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
            if (!refused)
            {
                yield return pieces[0].ToUpperInvariant();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Answer(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            HttpListenerRequest request = context.Request;
            response.Headers["Cache-Control"] = "no-cache";
            bool head = request.HttpMethod == "HEAD";
            if (request.HttpMethod != "GET" && !head)
            {
                response.Headers["Allow"] = "GET, HEAD";
                Status(response, 405, "405 method not allowed: this server only reads files (GET, HEAD)\n", head);
                return;
            }

            if (Resolve(_root, request.RawUrl ?? string.Empty) is not { } file)
            {
                Status(response, 404, "404 not found\n", head);
                return;
            }

            // Answer from the precompressed sibling the publish step wrote, when the browser takes it.
            string send = file;
            string[] accepted = [.. AcceptedEncodings(request.Headers["Accept-Encoding"])];
            if (accepted.Contains("BR") && File.Exists(file + ".br"))
            {
                send = file + ".br";
                response.Headers["Content-Encoding"] = "br";
            }
            else if (accepted.Contains("GZIP") && File.Exists(file + ".gz"))
            {
                send = file + ".gz";
                response.Headers["Content-Encoding"] = "gzip";
            }

            response.Headers["Vary"] = "Accept-Encoding";
            response.ContentType = ContentType(file);
            using FileStream stream = File.OpenRead(send);
            response.ContentLength64 = stream.Length;
            response.StatusCode = 200;
            if (!head)
            {
                stream.CopyTo(response.OutputStream);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpListenerException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The browser went away, or the file vanished mid-answer: nothing to tell it.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection is already gone.
            }
        }
    }

    private static void Status(HttpListenerResponse response, int code, string text, bool head)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(text);
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = body.Length;
        if (!head)
        {
            response.OutputStream.Write(body);
        }
    }
}
