using Ezrouter.Generator.Loading;
using Microsoft.OpenApi;

namespace Ezrouter.Generator.Model;

// The second half of stage 2: the operations (request bodies, JSON and SSE responses, error envelopes), which tell
// which types Kiota emits, which are SSE-only, and which are error envelopes. Kiota builds the URL tree itself.
public sealed partial class ModelBuilder
{
    private List<OperationDef> BuildOperations()
    {
        var result = new List<OperationDef>();
        foreach (var (path, item) in (_document.Paths ?? new OpenApiPaths()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (path.Contains('{'))
                throw new SpecException($"paths.{path}: path parameters are outside the supported subset");
            foreach (var (method, operation) in (item.Operations ?? []).OrderBy(o => o.Key.Method, StringComparer.Ordinal))
                result.Add(BuildOperation($"paths.{path}.{method.Method.ToLowerInvariant()}", operation));
        }
        return result;
    }

    private OperationDef BuildOperation(string where, OpenApiOperation operation)
    {
        TypeRef? body = null;
        if (operation.RequestBody?.Content is { Count: > 0 } requestContent)
        {
            var contentType = requestContent.ContainsKey("application/json") ? "application/json" : requestContent.Keys.First();
            var schema = requestContent[contentType].Schema ?? throw new SpecException($"{where}: request body without schema");
            body = Resolve(schema, where + ".requestBody");
        }

        var responses = (operation.Responses ?? new OpenApiResponses()).ToList();
        TypeRef? response = null;
        TypeRef? streamEvent = null;
        foreach (var (code, value) in responses.Where(r => r.Key.StartsWith('2')))
        {
            foreach (var (mediaType, media) in value.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (mediaType == "application/json" && response is null && media.Schema is { } s)
                    response = Resolve(s, $"{where}.responses.{code}");
                if (mediaType == "text/event-stream" && streamEvent is null && media.Schema is { } e)
                    streamEvent = Resolve(e, $"{where}.responses.{code}.text/event-stream");
            }
        }

        var errors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, value) in responses.Where(r => !r.Key.StartsWith('2')))
        {
            var json = value.Content?.FirstOrDefault(c => c.Key == "application/json").Value;
            if (json?.Schema is not OpenApiSchemaReference errorRef) continue;
            var id = errorRef.Reference.Id!;
            _errorTypes.Add(id);
            errors.Add(id);
        }
        return new OperationDef(body, response, errors.ToList(), streamEvent);
    }
}
