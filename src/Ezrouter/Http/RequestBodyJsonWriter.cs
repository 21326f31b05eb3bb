using System;
using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Http;

/// <summary>
/// The JSON serialization writer request bodies go through. A body the generated writers handle
/// (<c>Ezrouter.Generated.*.Writers</c>, for the request types of streaming operations) is written by them straight
/// to UTF-8: the bytes Kiota's writer would write, without its per-call writer, pooled stream and per-object work.
/// Everything else goes to Kiota's writer: other values, a model holding additional data or an unmodelled variant, a
/// subclass of a model (its Serialize may be overridden), and any call once serialization hooks are set.
/// </summary>
internal sealed class RequestBodyJsonWriter : ISerializationWriter
{
    [ThreadStatic]
    private static PooledBodyWriter? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _json;

    private readonly Func<ISerializationWriter> _kiota;
    private ISerializationWriter? _inner;
    private byte[]? _written;

    /// <param name="kiota">Makes Kiota's writer, on first need.</param>
    public RequestBodyJsonWriter(Func<ISerializationWriter> kiota) => _kiota = kiota;

    private static readonly ConditionalWeakTable<ISerializationWriterFactory, object> Checked = new();

    /// <summary>
    /// Whether <paramref name="factory"/> writes the bytes the generated writers write: Kiota's JSON writer factory
    /// with default settings does; one with other settings (indentation, a relaxed encoder) does not. Checked once per
    /// factory instance by writing a probe body both ways.
    /// </summary>
    public static bool WritesAsGenerated(ISerializationWriterFactory factory) =>
        factory.GetType() == typeof(JsonSerializationWriterFactory) &&
        Checked.GetValue(factory, static f => ProbeMatches(f) ? Boxed.True : Boxed.False) == Boxed.True;

    /// <summary>
    /// Registers Kiota's JSON writer factory, with its default settings, for <c>application/json</c> in
    /// <paramref name="registry"/>, as the generated clients' constructors do (<c>ApiClientBuilder.RegisterDefaultSerializer</c>),
    /// before they do. When this call is the one that registers it, the factory is known to write what the generated
    /// writers write, without the probe: an instance with Kiota's defaults is the case the writer parity tests hold the
    /// generated writers to, and the probe (Kiota's writer, its pooled streams and the probe body's Serialize, about
    /// 80 methods compiled) was the largest piece of a process's first call that the call itself did not need. A
    /// factory registered before (a caller's own, or another client's) is kept, and probed on first use as before.
    /// </summary>
    public static void RegisterDefault(ISerializationWriterFactory registry)
    {
        if (registry is not SerializationWriterFactoryRegistry known) return;
        var factory = new JsonSerializationWriterFactory();
        if (known.ContentTypeAssociatedFactories.TryAdd(JsonAnswer.Json, factory)) Checked.AddOrUpdate(factory, Boxed.True);
    }

    private static bool ProbeMatches(ISerializationWriterFactory factory)
    {
        // Non-ASCII, markup and quotes (escaping), nesting and a union (layout), a fraction (numbers).
        var probe = new Generated.OpenAi.Models.CreateChatCompletionRequest
        {
            Model = "é <b>\"probe\"</b> 😀",
            Temperature = 0.1,
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "x\ny" } } }],
        };
        using var kiota = factory.GetSerializationWriter("application/json");
        kiota.WriteObjectValue(null, probe);
        using var kiotaBytes = new MemoryStream();
        using (var content = kiota.GetSerializedContent()) content.CopyTo(kiotaBytes);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (!Generated.OpenAi.Writers.RequestBodyWriters.TryWrite(json, probe)) return false;
        }
        return buffer.WrittenSpan.SequenceEqual(kiotaBytes.ToArray());
    }

    private static class Boxed
    {
        public static readonly object True = new();
        public static readonly object False = new();
    }

    private ISerializationWriter Inner =>
        _written is null ? _inner ??= _kiota() : throw new InvalidOperationException("The request body was already written whole; a JSON document has one root value.");

    public void WriteObjectValue<T>(string? key, T? value, params IParsable?[] additionalValuesToMerge) where T : IParsable
    {
        if (_inner is null && _written is null && key is null && value is not null && additionalValuesToMerge.Length == 0 && TryWriteGenerated(value)) return;
        try
        {
            Inner.WriteObjectValue(key, value, additionalValuesToMerge);
        }
        catch (InvalidOperationException e) when (_written is null)
        {
            throw Unwritable(value, e);
        }
    }

    /// <summary>
    /// Kiota's writer refuses some models it was handed (Utf8JsonWriter throws): a composed-type wrapper with no member
    /// set (a variant it read and could not model, whose fields it dropped) writes a property name with no value, and a
    /// wrapper's unknown fields of a kind the generated writers cannot mirror are written outside any object. Nothing
    /// was sent; the caller gets a typed error that says which body.
    /// </summary>
    private static EzrouterInvalidRequestException Unwritable(object? value, InvalidOperationException e) =>
        new(new EzrouterErrorDetails
        {
            Summary = $"the request body ({value?.GetType().Name ?? "null"}) cannot be written as JSON, so nothing was sent: {e.Message} " +
                "A union value with no member set, or unknown fields that are not plain JSON values, cause this.",
        }, e);

    private bool TryWriteGenerated(IParsable value)
    {
        // The thread's buffer and writer, taken while in use: a body serialized inside this one's (an OnBefore hook,
        // another client on the same thread) gets its own rather than overwriting this one.
        var buffer = _buffer ?? new PooledBodyWriter();
        var json = _json;
        _buffer = null;
        _json = null;
        buffer.Clear();
        if (json is null) json = new Utf8JsonWriter(buffer);
        else json.Reset(buffer);
        try
        {
            // A writer that finds what only Kiota writes returns false part way: its output is dropped with the buffer.
            if (!Generated.OpenAi.Writers.RequestBodyWriters.TryWrite(json, value) &&
                !Generated.Anthropic.Writers.RequestBodyWriters.TryWrite(json, value)) return false;
            json.Flush();
            _written = buffer.WrittenSpan.ToArray();
            return true;
        }
        finally
        {
            // Large bodies (long conversations, images) go back to the pool rather than staying with the thread.
            // By the buffer's size, not the body's: the JSON writer asks for room ahead (three times a long string's length).
            if (buffer.Capacity > 64 * 1024) buffer.Dispose();
            else (_buffer, _json) = (buffer, json);
        }
    }

    public Stream GetSerializedContent()
    {
        if (_written is { } body) return new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
        try
        {
            return Inner.GetSerializedContent();
        }
        catch (InvalidOperationException e)
        {
            throw Unwritable(null, e);
        }
    }

    public Action<IParsable>? OnBeforeObjectSerialization
    {
        get => _inner?.OnBeforeObjectSerialization;
        set => Inner.OnBeforeObjectSerialization = value;
    }

    public Action<IParsable>? OnAfterObjectSerialization
    {
        get => _inner?.OnAfterObjectSerialization;
        set => Inner.OnAfterObjectSerialization = value;
    }

    public Action<IParsable, ISerializationWriter>? OnStartObjectSerialization
    {
        get => _inner?.OnStartObjectSerialization;
        set => Inner.OnStartObjectSerialization = value;
    }

    public void WriteStringValue(string? key, string? value) => Inner.WriteStringValue(key, value);
    public void WriteBoolValue(string? key, bool? value) => Inner.WriteBoolValue(key, value);
    public void WriteByteValue(string? key, byte? value) => Inner.WriteByteValue(key, value);
    public void WriteSbyteValue(string? key, sbyte? value) => Inner.WriteSbyteValue(key, value);
    public void WriteIntValue(string? key, int? value) => Inner.WriteIntValue(key, value);
    public void WriteFloatValue(string? key, float? value) => Inner.WriteFloatValue(key, value);
    public void WriteLongValue(string? key, long? value) => Inner.WriteLongValue(key, value);
    public void WriteDoubleValue(string? key, double? value) => Inner.WriteDoubleValue(key, value);
    public void WriteDecimalValue(string? key, decimal? value) => Inner.WriteDecimalValue(key, value);
    public void WriteGuidValue(string? key, Guid? value) => Inner.WriteGuidValue(key, value);
    public void WriteDateTimeOffsetValue(string? key, DateTimeOffset? value) => Inner.WriteDateTimeOffsetValue(key, value);
    public void WriteTimeSpanValue(string? key, TimeSpan? value) => Inner.WriteTimeSpanValue(key, value);
    public void WriteDateValue(string? key, Date? value) => Inner.WriteDateValue(key, value);
    public void WriteTimeValue(string? key, Time? value) => Inner.WriteTimeValue(key, value);
    public void WriteCollectionOfPrimitiveValues<T>(string? key, IEnumerable<T>? values) => Inner.WriteCollectionOfPrimitiveValues(key, values);
    public void WriteCollectionOfObjectValues<T>(string? key, IEnumerable<T>? values) where T : IParsable => Inner.WriteCollectionOfObjectValues(key, values);
    public void WriteCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string? key, IEnumerable<T?>? values) where T : struct, Enum => Inner.WriteCollectionOfEnumValues(key, values);
    public void WriteByteArrayValue(string? key, byte[]? value) => Inner.WriteByteArrayValue(key, value);
    public void WriteEnumValue<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string? key, T? value) where T : struct, Enum => Inner.WriteEnumValue(key, value);
    public void WriteNullValue(string? key) => Inner.WriteNullValue(key);
    public void WriteAdditionalData(IDictionary<string, object> value) => Inner.WriteAdditionalData(value);

    public void Dispose() => _inner?.Dispose();
}
