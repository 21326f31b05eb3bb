using Ezrouter.Generator.Loading;
using Microsoft.OpenApi;

namespace Ezrouter.Generator.Model;

// The second half of stage 2: the URL tree and its operations (request bodies, JSON and SSE responses, error
// envelopes), which tell which types Kiota emits, which are SSE-only, and which are error envelopes.
public sealed partial class ModelBuilder
{
    private PathNode BuildPathTree()
    {
        var paths = (_document.Paths ?? new OpenApiPaths()).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var rootTrie = new Trie(string.Empty);
        foreach (var (path, item) in paths)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Any(s => s.Contains('{')))
                throw new SpecException($"paths.{path}: path parameters are outside the supported subset");
            var node = rootTrie;
            foreach (var segment in segments) node = node.Child(segment);
            node.Operations.AddRange(BuildOperations(path, item));
        }
        return ToPathNode(rootTrie, _surface.Namespace, _surface.ClientName, string.Empty);
    }

    private static PathNode ToPathNode(Trie trie, string ns, string className, string urlPath)
    {
        var children = trie.Children.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c =>
            {
                var symbol = Naming.CleanSymbol(c.Key);
                return ToPathNode(c.Value, ns + "." + symbol, symbol + "RequestBuilder", urlPath + "/" + c.Key);
            })
            .ToList();
        return new PathNode(trie.Segment, className, ns, urlPath, children, trie.Operations);
    }

    private IEnumerable<OperationDef> BuildOperations(string path, IOpenApiPathItem item)
    {
        var operations = (item.Operations ?? []).OrderBy(o => MethodOrder(o.Key.Method)).ToList();
        foreach (var (method, operation) in operations)
        {
            var where = $"paths.{path}.{method.Method.ToLowerInvariant()}";
            TypeRef? body = null;
            string? bodyContentType = null;
            if (operation.RequestBody?.Content is { Count: > 0 } requestContent)
            {
                bodyContentType = requestContent.ContainsKey("application/json") ? "application/json" : requestContent.Keys.First();
                var schema = requestContent[bodyContentType].Schema ?? throw new SpecException($"{where}: request body without schema");
                body = Resolve(schema, where + ".requestBody");
            }

            var responses = (operation.Responses ?? new OpenApiResponses()).ToList();
            TypeRef? response = null;
            TypeRef? streamEvent = null;
            var accepted = new List<string>();
            foreach (var (code, value) in responses.Where(r => r.Key.StartsWith('2')))
            {
                foreach (var (mediaType, media) in value.Content ?? new Dictionary<string, OpenApiMediaType>())
                {
                    if (!accepted.Contains(mediaType)) accepted.Add(mediaType);
                    if (mediaType == "application/json" && response is null && media.Schema is { } s)
                        response = Resolve(s, $"{where}.responses.{code}");
                    if (mediaType == "text/event-stream" && streamEvent is null && media.Schema is { } e)
                        streamEvent = Resolve(e, $"{where}.responses.{code}.text/event-stream");
                }
            }

            var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, value) in responses.Where(r => !r.Key.StartsWith('2')))
            {
                var json = value.Content?.FirstOrDefault(c => c.Key == "application/json").Value;
                if (json?.Schema is not OpenApiSchemaReference errorRef) continue;
                var id = errorRef.Reference.Id!;
                _errorTypes.Add(id);
                foreach (var mediaType in value.Content!.Keys)
                    if (!accepted.Contains(mediaType)) accepted.Add(mediaType);
                if (code == "default")
                {
                    errors.TryAdd("4XX", id);
                    errors.TryAdd("5XX", id);
                }
                else errors[code.ToUpperInvariant()] = id;
            }
            // Kiota: when 4XX and 5XX map to one type and nothing more specific exists, they merge into XXX.
            if (errors.Count == 2 && errors.TryGetValue("4XX", out var four) && errors.TryGetValue("5XX", out var five) && four == five)
            {
                errors.Clear();
                errors["XXX"] = four;
            }

            var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
                .Where(p => p.In == ParameterLocation.Query)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p =>
                {
                    var type = Resolve(p.Schema ?? throw new SpecException($"{where}: parameter {p.Name} without schema"), $"{where}.parameters.{p.Name}");
                    if (type.Kind is not (TypeRefKind.Primitive or TypeRefKind.Enum))
                        throw new SpecException($"{where}: query parameter {p.Name} must be a primitive");
                    return new QueryParameterDef(p.Name!, Naming.PascalCase(p.Name!), type, p.Description);
                })
                .ToList();

            yield return new OperationDef(
                Method: method.Method.ToUpperInvariant(),
                Summary: operation.Summary ?? operation.Description,
                RequestBody: body,
                RequestContentType: bodyContentType,
                Response: response,
                AcceptedMediaTypes: accepted,
                Errors: errors.Select(e => new ErrorMapping(e.Key, e.Value)).ToList(),
                QueryParameters: parameters,
                StreamEvent: streamEvent);
        }
    }

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "POST", "PUT", "PATCH", "DELETE"], method.ToUpperInvariant()) switch
    {
        -1 => 99,
        var i => i,
    };

    private sealed class Trie(string segment)
    {
        public string Segment { get; } = segment;
        public Dictionary<string, Trie> Children { get; } = new(StringComparer.Ordinal);
        public List<OperationDef> Operations { get; } = [];

        public Trie Child(string segment)
        {
            if (!Children.TryGetValue(segment, out var child)) Children[segment] = child = new Trie(segment);
            return child;
        }
    }
}
