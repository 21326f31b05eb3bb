using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter;

/// <summary>
/// Kiota's JSON parse-node factory, except that a body that already holds its model (an SSE answer aggregated by
/// <see cref="SseAggregationHandler"/>) yields that model directly instead of being parsed from JSON.
/// </summary>
public sealed class PreParsedJsonParseNodeFactory : IAsyncParseNodeFactory
{
    private readonly JsonParseNodeFactory _json = new();

    /// <inheritdoc />
    public string ValidContentType => _json.ValidContentType;

    /// <summary>A registry for a request adapter: JSON through this factory.</summary>
    public static ParseNodeFactoryRegistry CreateRegistry()
    {
        var registry = new ParseNodeFactoryRegistry();
        var factory = new PreParsedJsonParseNodeFactory();
        registry.ContentTypeAssociatedFactories[factory.ValidContentType] = factory;
        return registry;
    }

    /// <inheritdoc />
    public Task<IParseNode> GetRootParseNodeAsync(string contentType, Stream content, CancellationToken cancellationToken = default) =>
        content is ParsedModelStream parsed
            ? Task.FromResult<IParseNode>(new PreParsedParseNode(parsed.Model))
            : _json.GetRootParseNodeAsync(contentType, content, cancellationToken);

    /// <inheritdoc />
    [Obsolete("Use GetRootParseNodeAsync.")]
    public IParseNode GetRootParseNode(string contentType, Stream content) =>
        content is ParsedModelStream parsed ? new PreParsedParseNode(parsed.Model) : _json.GetRootParseNodeAsync(contentType, content).GetAwaiter().GetResult();

    /// <summary>A root node that is a model already; only <see cref="GetObjectValue{T}"/> applies.</summary>
    private sealed class PreParsedParseNode(IParsable model) : IParseNode
    {
        public Action<IParsable>? OnBeforeAssignFieldValues { get; set; }
        public Action<IParsable>? OnAfterAssignFieldValues { get; set; }

        public T GetObjectValue<T>(ParsableFactory<T> factory) where T : IParsable =>
            model is T typed ? typed : throw new InvalidOperationException($"The aggregated answer is a {model.GetType().Name}, not a {typeof(T).Name}.");

        private static NotSupportedException Scalar() => new("An aggregated answer is an object.");
        public string? GetStringValue() => throw Scalar();
        public IParseNode? GetChildNode(string identifier) => throw Scalar();
        public bool? GetBoolValue() => throw Scalar();
        public byte? GetByteValue() => throw Scalar();
        public sbyte? GetSbyteValue() => throw Scalar();
        public int? GetIntValue() => throw Scalar();
        public float? GetFloatValue() => throw Scalar();
        public long? GetLongValue() => throw Scalar();
        public double? GetDoubleValue() => throw Scalar();
        public decimal? GetDecimalValue() => throw Scalar();
        public Guid? GetGuidValue() => throw Scalar();
        public DateTimeOffset? GetDateTimeOffsetValue() => throw Scalar();
        public TimeSpan? GetTimeSpanValue() => throw Scalar();
        public Microsoft.Kiota.Abstractions.Date? GetDateValue() => throw Scalar();
        public Microsoft.Kiota.Abstractions.Time? GetTimeValue() => throw Scalar();
        public System.Collections.Generic.IEnumerable<T> GetCollectionOfPrimitiveValues<T>() => throw Scalar();
        public System.Collections.Generic.IEnumerable<T?> GetCollectionOfEnumValues<T>() where T : struct, Enum => throw Scalar();
        public System.Collections.Generic.IEnumerable<T> GetCollectionOfObjectValues<T>(ParsableFactory<T> factory) where T : IParsable => throw Scalar();
        public T? GetEnumValue<T>() where T : struct, Enum => throw Scalar();
        public byte[]? GetByteArrayValue() => throw Scalar();
    }
}
