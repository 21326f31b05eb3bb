using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>Path nodes → request builders: navigation properties, executors, To*RequestInformation, WithUrl.</summary>
public sealed class RequestBuilderEmitter(CSharpTypes types, string? baseUrl)
{
    private static readonly string[] Usings =
    [
        "Microsoft.Kiota.Abstractions", "Microsoft.Kiota.Abstractions.Extensions", "Microsoft.Kiota.Abstractions.Serialization",
        "System", "System.Collections.Generic", "System.IO", "System.Threading", "System.Threading.Tasks",
    ];

    public string EmitRoot(PathNode root)
    {
        var w = KiotaFile.Begin(root.Namespace, [.. Usings, "Microsoft.Kiota.Serialization.Json"]);
        w.Summary("The main entry point of the SDK, exposes the configuration and the fluent API.");
        KiotaFile.GeneratedCode(w);
        w.Open($"public partial class {root.ClassName} : BaseRequestBuilder");
        WriteNavigation(w, root);
        w.SummaryXml($"Instantiates a new <see cref=\"global::{root.Namespace}.{root.ClassName}\"/> and sets the default values.");
        w.Line("/// <param name=\"requestAdapter\">The request adapter to use to execute the requests.</param>");
        w.Open($"public {root.ClassName}(IRequestAdapter requestAdapter) : base(requestAdapter, \"{{+baseurl}}\", new Dictionary<string, object>())");
        w.Line("ApiClientBuilder.RegisterDefaultSerializer<JsonSerializationWriterFactory>();");
        w.Line("ApiClientBuilder.RegisterDefaultDeserializer<JsonParseNodeFactory>();");
        if (baseUrl is not null)
        {
            w.Open("if (string.IsNullOrEmpty(RequestAdapter.BaseUrl))");
            w.Line($"RequestAdapter.BaseUrl = \"{baseUrl}\";");
            w.Close();
        }
        w.Line("PathParameters.TryAdd(\"baseurl\", RequestAdapter.BaseUrl);");
        w.Close();
        w.Close();
        return KiotaFile.End(w);
    }

    public string Emit(PathNode node)
    {
        var w = KiotaFile.Begin(node.Namespace, Usings);
        var self = $"global::{node.Namespace}.{node.ClassName}";
        w.Summary($"Builds and executes requests for operations under {node.UrlPath.Replace('/', '\\')}");
        KiotaFile.GeneratedCode(w);
        w.Open($"public partial class {node.ClassName} : BaseRequestBuilder");
        WriteNavigation(w, node);

        w.SummaryXml($"Instantiates a new <see cref=\"{self}\"/> and sets the default values.");
        w.Line("/// <param name=\"pathParameters\">Path parameters for the request</param>");
        w.Line("/// <param name=\"requestAdapter\">The request adapter to use to execute the requests.</param>");
        w.Open($"public {node.ClassName}(Dictionary<string, object> pathParameters, IRequestAdapter requestAdapter) : base(requestAdapter, \"{node.UrlTemplate}\", pathParameters)");
        w.Close();
        w.SummaryXml($"Instantiates a new <see cref=\"{self}\"/> and sets the default values.");
        w.Line("/// <param name=\"rawUrl\">The raw URL to use for the request builder.</param>");
        w.Line("/// <param name=\"requestAdapter\">The request adapter to use to execute the requests.</param>");
        w.Open($"public {node.ClassName}(string rawUrl, IRequestAdapter requestAdapter) : base(requestAdapter, \"{node.UrlTemplate}\", rawUrl)");
        w.Close();

        foreach (var operation in node.Operations) WriteExecutor(w, node, operation);
        foreach (var operation in node.Operations) WriteRequestInformation(w, node, operation);

        if (node.Operations.Count > 0)
        {
            w.Summary("Returns a request builder with the provided arbitrary URL. Using this method means any other path or query parameters are ignored.");
            w.Line($"/// <returns>A <see cref=\"{self}\"/></returns>");
            w.Line("/// <param name=\"rawUrl\">The raw URL to use for the request builder.</param>");
            w.Open($"public {self} WithUrl(string rawUrl)");
            w.Line($"return new {self}(rawUrl, RequestAdapter);");
            w.Close();
        }

        foreach (var operation in node.Operations.Where(o => o.QueryParameters.Count > 0)) WriteQueryParameters(w, node, operation);

        w.Close();
        return KiotaFile.End(w);
    }

    private static void WriteNavigation(CodeWriter w, PathNode node)
    {
        foreach (var child in node.Children)
        {
            var type = $"global::{child.Namespace}.{child.ClassName}";
            w.Line($"/// <summary>The {child.Segment} property</summary>");
            w.Open($"public {type} {PropertyName(child)}");
            w.Line($"get => new {type}(PathParameters, RequestAdapter);");
            w.Close();
        }
    }

    private static string PropertyName(PathNode child) => child.ClassName[..^"RequestBuilder".Length];

    private static string Verb(OperationDef op) => op.Method[0] + op.Method[1..].ToLowerInvariant();

    private static string ConfigType(PathNode node, OperationDef op) =>
        op.QueryParameters.Count > 0
            ? $"RequestConfiguration<global::{node.Namespace}.{node.ClassName}.{node.ClassName}{Verb(op)}QueryParameters>"
            : "RequestConfiguration<DefaultQueryParameters>";

    private string Parameters(PathNode node, OperationDef op, bool nullable, bool withCancellation)
    {
        var q = nullable ? "?" : string.Empty;
        var list = new List<string>();
        if (op.RequestBody is { } body) list.Add($"{types.Declared(body)} body");
        list.Add($"Action<{ConfigType(node, op)}>{q} requestConfiguration = default");
        if (withCancellation) list.Add("CancellationToken cancellationToken = default");
        return string.Join(", ", list);
    }

    private void WriteExecutor(CodeWriter w, PathNode node, OperationDef op)
    {
        var verb = Verb(op);
        var returnType = op.Response is { } r ? types.Declared(r) : null;
        w.Summary(Docs.Or(op.Summary, $"{verb} request"));
        if (returnType is not null) w.Line($"/// <returns>A <see cref=\"{Cref(op.Response!)}\"/></returns>");
        if (op.RequestBody is not null) w.Line("/// <param name=\"body\">The request body</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancellation token to use when cancelling requests</param>");
        w.Line("/// <param name=\"requestConfiguration\">Configuration for the request such as headers, query parameters, and middleware options.</param>");
        foreach (var error in op.Errors)
            w.Line($"/// <exception cref=\"{types.Full(error.TypeName)}\">When receiving a {Describe(error.StatusKey)} status code</exception>");

        var task = returnType is null ? "Task" : $"Task<{returnType}?>";
        var taskPlain = returnType is null ? "Task" : $"Task<{returnType}>";
        w.Directive("#if NETSTANDARD2_1_OR_GREATER || NETCOREAPP3_1_OR_GREATER");
        w.Directive("#nullable enable");
        w.Open($"public async {task} {verb}Async({Parameters(node, op, nullable: true, withCancellation: true)})");
        w.Directive("#nullable restore");
        w.Directive("#else");
        w.OuterLine($"public async {taskPlain} {verb}Async({Parameters(node, op, nullable: false, withCancellation: true)})");
        w.OuterLine("{");
        w.Directive("#endif");
        if (op.RequestBody is not null) KiotaFile.Guard(w, "body");
        var args = op.RequestBody is not null ? "body, requestConfiguration" : "requestConfiguration";
        w.Line($"var requestInfo = To{verb}RequestInformation({args});");
        var errorArg = "default";
        if (op.Errors.Count > 0)
        {
            w.Line("var errorMapping = new Dictionary<string, ParsableFactory<IParsable>>");
            w.Line("{");
            foreach (var error in op.Errors)
                w.Line($"    {{ \"{error.StatusKey}\", {types.Full(error.TypeName)}.CreateFromDiscriminatorValue }},");
            w.Line("};");
            errorArg = "errorMapping";
        }
        if (op.Response is not { } response)
            w.Line($"await RequestAdapter.SendNoContentAsync(requestInfo, {errorArg}, cancellationToken).ConfigureAwait(false);");
        else if (response.IsCollection)
        {
            var element = types.Element(response).TrimEnd('?');
            if (response.Kind is TypeRefKind.Primitive)
                w.Line($"var collectionResult = await RequestAdapter.SendPrimitiveCollectionAsync<{element}>(requestInfo, {errorArg}, cancellationToken).ConfigureAwait(false);");
            else
                w.Line($"var collectionResult = await RequestAdapter.SendCollectionAsync<{element}>(requestInfo, {element}.CreateFromDiscriminatorValue, {errorArg}, cancellationToken).ConfigureAwait(false);");
            w.Line("return collectionResult?.AsList();");
        }
        else if (response.Kind is TypeRefKind.Object or TypeRefKind.Union)
            w.Line($"return await RequestAdapter.SendAsync<{types.Full(response.Name!)}>(requestInfo, {types.Full(response.Name!)}.CreateFromDiscriminatorValue, {errorArg}, cancellationToken).ConfigureAwait(false);");
        else if (response.Kind is TypeRefKind.Untyped)
            w.Line($"return await RequestAdapter.SendAsync<UntypedNode>(requestInfo, UntypedNode.CreateFromDiscriminatorValue, {errorArg}, cancellationToken).ConfigureAwait(false);");
        else
            w.Line($"return await RequestAdapter.SendPrimitiveAsync<{types.Element(response)}>(requestInfo, {errorArg}, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    private void WriteRequestInformation(CodeWriter w, PathNode node, OperationDef op)
    {
        var verb = Verb(op);
        w.Summary(Docs.Or(op.Summary, $"{verb} request"));
        w.Line("/// <returns>A <see cref=\"RequestInformation\"/></returns>");
        if (op.RequestBody is not null) w.Line("/// <param name=\"body\">The request body</param>");
        w.Line("/// <param name=\"requestConfiguration\">Configuration for the request such as headers, query parameters, and middleware options.</param>");
        w.Directive("#if NETSTANDARD2_1_OR_GREATER || NETCOREAPP3_1_OR_GREATER");
        w.Directive("#nullable enable");
        w.Open($"public RequestInformation To{verb}RequestInformation({Parameters(node, op, nullable: true, withCancellation: false)})");
        w.Directive("#nullable restore");
        w.Directive("#else");
        w.OuterLine($"public RequestInformation To{verb}RequestInformation({Parameters(node, op, nullable: false, withCancellation: false)})");
        w.OuterLine("{");
        w.Directive("#endif");
        if (op.RequestBody is not null) KiotaFile.Guard(w, "body");
        w.Line($"var requestInfo = new RequestInformation(Method.{op.Method}, UrlTemplate, PathParameters);");
        w.Line("requestInfo.Configure(requestConfiguration);");
        if (op.AcceptedMediaTypes.Count > 0)
            w.Line($"requestInfo.Headers.TryAdd(\"Accept\", \"{string.Join(", ", op.AcceptedMediaTypes)}\");");
        if (op.RequestBody is { } body)
        {
            if (body.IsCollection)
                w.Line($"requestInfo.SetContentFromParsable(RequestAdapter, \"{op.RequestContentType}\", body);");
            else if (body.Kind is TypeRefKind.Primitive)
                w.Line($"requestInfo.SetContentFromScalar(RequestAdapter, \"{op.RequestContentType}\", body);");
            else
                w.Line($"requestInfo.SetContentFromParsable(RequestAdapter, \"{op.RequestContentType}\", body);");
        }
        w.Line("return requestInfo;");
        w.Close();
    }

    private void WriteQueryParameters(CodeWriter w, PathNode node, OperationDef op)
    {
        var name = $"{node.ClassName}{Verb(op)}QueryParameters";
        w.Summary(Docs.Or(op.Summary, $"{Verb(op)} request") + " (query parameters)");
        KiotaFile.GeneratedCode(w);
        w.Open($"public partial class {name}");
        foreach (var p in op.QueryParameters)
        {
            w.Line($"/// <summary>{Docs.OneLineXml(p.Description, $"The {p.WireName} parameter")}</summary>");
            w.Line($"[QueryParameter(\"{PathNode.EncodeTemplateName(p.WireName)}\")]");
            KiotaFile.Property(w, types.Declared(p.Type), p.Name, CSharpTypes.IsReference(p.Type));
        }
        w.Close();
    }

    private string Cref(TypeRef type) => type.IsCollection || type.Kind is TypeRefKind.Primitive or TypeRefKind.Untyped
        ? types.Declared(type).Replace("<", "{").Replace(">", "}").TrimEnd('?')
        : types.Full(type.Name!);

    private static string Describe(string statusKey) => statusKey switch
    {
        "XXX" => "4XX or 5XX",
        _ => statusKey,
    };
}
