namespace Ezrouter.Cli.Options;

/// <summary>
/// The base URL mistakes a user makes first: not a URL, not http(s), and a path that already names a surface
/// (<c>/v1</c>, as the OpenAI SDKs want, or <c>/anthropic</c>), which the SDK would double.
/// </summary>
public static class BaseUrlCheck
{
    public static Uri Check(string raw, string source)
    {
        var example = EzrouterClientOptions.DefaultBaseUrl.ToString().TrimEnd('/');
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
            throw new CliUsageException($"{source} '{raw}' is not an absolute URL", $"pass the gateway's root with its scheme, e.g. {Suggest(source, example)}.");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw new CliUsageException($"{source} '{raw}' is not http or https", $"pass an https:// URL, e.g. {example}.");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new CliUsageException($"{source} '{raw}' has a query or fragment", $"pass only the gateway's root: {uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}.");
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var surface = Array.FindIndex(segments, s => s.Equals("v1", StringComparison.OrdinalIgnoreCase) || s.Equals("anthropic", StringComparison.OrdinalIgnoreCase));
        if (surface >= 0)
        {
            var root = uri.GetLeftPart(UriPartial.Authority) + string.Concat(segments.Take(surface).Select(s => "/" + s));
            throw new CliUsageException($"{source} '{raw}' ends in /{string.Join('/', segments.Skip(surface))}: the SDK adds /v1 and /anthropic/v1 itself",
                $"pass the gateway's root instead: {Suggest(source, root)}.");
        }
        return uri;
    }

    private static string Suggest(string source, string value) => source.StartsWith('$') ? $"{source[1..]}={value}" : $"{source} {value}";
}
