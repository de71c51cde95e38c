using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DropoutLab.Playground.Tests;

/// <summary>What the playground server sends: types, precompressed files, and nothing outside the site. No browser needed.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class ServedFilesTests(PlaygroundServer server) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.Url };

    public void Dispose() => _client.Dispose();

    private static string AWasmFile() =>
        Path.GetFileName(Directory.GetFiles(Path.Combine(PlaygroundServer.SiteFolder, "_framework"), "*.wasm").OrderBy(f => f, StringComparer.Ordinal).First());

    [Fact]
    public async Task TheRootIsIndexHtmlAsHtml()
    {
        using HttpResponseMessage root = await _client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        string body = await root.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(PlaygroundServer.SiteFolder, "index.html")), body);

        using HttpResponseMessage index = await _client.GetAsync(new Uri("/index.html", UriKind.Relative));
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AWasmFileIsApplicationWasm()
    {
        string name = AWasmFile();
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/_framework/" + name, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(PlaygroundServer.SiteFolder, "_framework", name)), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br", ".br")]
    [InlineData("br;q=0, gzip", "gzip", ".gz")]
    [InlineData("identity", null, "")]
    public async Task ThePrecompressedSiblingIsSentWhenAccepted(string acceptEncoding, string? encoding, string suffix)
    {
        string name = AWasmFile();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/" + name);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using HttpResponseMessage response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding is null ? [] : [encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        byte[] expected = await File.ReadAllBytesAsync(Path.Combine(PlaygroundServer.SiteFolder, "_framework", name + suffix));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AMissingFileIs404()
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/_framework/no-such-file.wasm", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostIs405()
    {
        using var content = new StringContent("x");
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/index.html", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task HeadSendsTheHeadersOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/index.html");
        using HttpResponseMessage response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(Path.Combine(PlaygroundServer.SiteFolder, "index.html")).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    // dropout-lab.dll sits next to the site folder: a path climbing out of it must not reach it. HttpClient would
    // normalise "/../", so the request line is sent as written over a plain socket.
    [Theory]
    [InlineData("/../dropout-lab.dll")]
    [InlineData("/_framework/../../dropout-lab.dll")]
    [InlineData("/%2e%2e/dropout-lab.dll")]
    [InlineData("/%2E%2E%2Fdropout-lab.dll")]
    [InlineData("/..%5Cdropout-lab.dll")]
    public async Task APathOutsideTheSiteIs404(string path)
    {
        Assert.True(File.Exists(Path.Combine(PlaygroundServer.ToolFolder, "dropout-lab.dll")));
        Assert.Equal(200, await RawStatusAsync("/index.html"));
        Assert.Equal(404, await RawStatusAsync(path));
    }

    private async Task<int> RawStatusAsync(string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Url.Host, server.Url.Port);
        await using NetworkStream stream = tcp.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Url.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string statusLine = await reader.ReadLineAsync() ?? string.Empty;
        string[] parts = statusLine.Split(' ');
        Assert.True(parts.Length >= 2 && parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal), $"not an HTTP status line: '{statusLine}'");
        return int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
