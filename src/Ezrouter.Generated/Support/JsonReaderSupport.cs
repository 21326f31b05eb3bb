// Hand-written support for the generated readers under */Readers: each member mirrors one conversion of Kiota's
// JsonParseNode (Microsoft.Kiota.Serialization.Json 2.x), on a Utf8JsonReader standing on a value. Not generated:
// it is compiled and unit-tested as it is.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Helpers;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Generated.Support
{
    /// <summary>Kiota's JSON parse-node conversions, on a Utf8JsonReader standing on a value.</summary>
    internal static class JsonReaderSupport
    {
        // Every reader leaves the reader on the value's last token. A value of another JSON type than the spec says
        // (a number where a string belongs, a string where an object does) is not skipped, as Kiota's parse node
        // would: a stream event that says something else than the spec is a protocol error, never a silent null.
        public static string String(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.String) return reader.GetString();
            throw Mismatch(ref reader, "a string");
        }

        /// <summary>
        /// The error for a value of the wrong JSON type. <see cref="JsonException.BytePositionInLine"/> holds the
        /// value's offset from the start of the document (not of its line), so the caller can name the field.
        /// </summary>
        public static JsonException Mismatch(ref Utf8JsonReader reader, string expected) =>
            new JsonException($"expected {expected}, found {Describe(reader.TokenType)}", null, null, reader.TokenStartIndex);

        /// <summary>
        /// The error for a number the property's type cannot hold (a fraction, an exponent past the range), with the
        /// value's offset as <see cref="Mismatch"/> gives it, so the caller can name the field.
        /// </summary>
        private static JsonException OutOfRange(ref Utf8JsonReader reader, string expected) =>
            new JsonException($"expected {expected}, found a number it cannot hold", null, null, reader.TokenStartIndex);

        private static string Describe(JsonTokenType token)
        {
            switch(token)
            {
                case JsonTokenType.StartObject: return "an object";
                case JsonTokenType.StartArray: return "an array";
                case JsonTokenType.String: return "a string";
                case JsonTokenType.Number: return "a number";
                case JsonTokenType.True:
                case JsonTokenType.False: return "a boolean";
                case JsonTokenType.Null: return "null";
                default: return token.ToString();
            }
        }

        /// <summary>
        /// A string that repeats across a stream's events (x-ezrouter-interned): when the bytes equal the last value
        /// read in this slot on this thread, that string is reused instead of allocating a new one. Each generated reader
        /// owns its slots as [ThreadStatic] fields, so no count of slots is shared between files.
        /// </summary>
        public static string InternedString(ref Utf8JsonReader reader, ref InternedValue slot)
        {
            if(reader.TokenType != JsonTokenType.String) throw Mismatch(ref reader, "a string");
            if(reader.HasValueSequence || reader.ValueSpan.Length > 128) return reader.GetString();
            var bytes = reader.ValueSpan;
        #if NET7_0_OR_GREATER
            // The reader knows already whether the value holds an escape: no scan of its bytes for one.
            if(reader.ValueIsEscaped) return reader.GetString();
        #else
            if(bytes.IndexOf((byte)'\\') >= 0) return reader.GetString();
        #endif
            var entry = slot;
            if(entry != null && bytes.SequenceEqual(entry.Utf8)) return entry.Value;
            var value = reader.GetString();
            slot = new InternedValue(bytes.ToArray(), value);
            return value;
        }

        /// <summary>The property name under the reader as UTF-8, unescaped (a copy only when it holds escapes, which is rare).</summary>
        public static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader)
        {
        #if NET7_0_OR_GREATER
            if(!reader.HasValueSequence && !reader.ValueIsEscaped) return reader.ValueSpan;
        #else
            if(!reader.HasValueSequence && reader.ValueSpan.IndexOf((byte)'\\') < 0) return reader.ValueSpan;
        #endif
            return System.Text.Encoding.UTF8.GetBytes(reader.GetString());
        }

        /// <summary>
        /// Adds to a list sized for one item on the first add: arrays in stream events (choices, tool calls) hold one
        /// item far more often than more, and List's default first array holds four.
        /// </summary>
        public static void Add<T>(List<T> list, T item)
        {
            if(list.Capacity == 0) list.Capacity = 1;
            list.Add(item);
        }

        public static bool? Boolean(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.True) return true;
            if(reader.TokenType == JsonTokenType.False) return false;
            throw Mismatch(ref reader, "a boolean");
        }

        public static int? Int32(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number) throw Mismatch(ref reader, "a number");
            if(reader.TryGetInt32(out var value)) return value;
            throw OutOfRange(ref reader, "a 32-bit integer");
        }

        public static long? Int64(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number) throw Mismatch(ref reader, "a number");
            if(reader.TryGetInt64(out var value)) return value;
            throw OutOfRange(ref reader, "a 64-bit integer");
        }

        public static double? Double(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number) throw Mismatch(ref reader, "a number");
            if(reader.TryGetDouble(out var value)) return value;
            throw OutOfRange(ref reader, "a double");
        }

        public static float? Single(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number) throw Mismatch(ref reader, "a number");
            if(reader.TryGetSingle(out var value)) return value;
            throw OutOfRange(ref reader, "a float");
        }

        public static DateTimeOffset? DateTimeOffset(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.String) throw Mismatch(ref reader, "a string");
            if(reader.TryGetDateTimeOffset(out var value)) return value;
            return System.DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : (DateTimeOffset?)null;
        }

#if NET5_0_OR_GREATER
        // Kiota reads the enum's fields ([EnumMember] names): kept under trimming and AOT for each enum used here.
        public static T? Enum<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>(ref Utf8JsonReader reader) where T : struct, System.Enum => EnumHelpers.GetEnumValue<T>(reader.GetString());
#else
        public static T? Enum<T>(ref Utf8JsonReader reader) where T : struct, System.Enum => EnumHelpers.GetEnumValue<T>(reader.GetString());
#endif

        /// <summary>
        /// The string value of a top-level property of the object under a copy of the reader: a union's discriminator.
        /// It stops at the first match (the discriminator comes first in practice); Kiota's JsonElement lookup would
        /// take the last of duplicated names, a difference only malformed JSON can show. The value repeats from event to
        /// event, so the string read last in this slot is reused when the bytes are the same (<see cref="InternedString"/>);
        /// the caller only compares it with the member tags.
        /// </summary>
        public static string PeekInternedString(Utf8JsonReader reader, ReadOnlySpan<byte> name, ref InternedValue slot)
        {
            if(reader.TokenType != JsonTokenType.StartObject) return null;
            while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if(match) return reader.TokenType == JsonTokenType.String ? InternedString(ref reader, ref slot) : null;
                reader.Skip();
            }
            return null;
        }

        /// <summary>An unknown property: the reader stands on its name. First occurrence wins, as Kiota's TryAdd.</summary>
        public static void AddAdditional(ref Utf8JsonReader reader, IDictionary<string, object> data)
        {
            var name = reader.GetString();
            reader.Read();
            var value = Anything(ref reader);
            if(!data.ContainsKey(name)) data.Add(name, value);
        }

        public static void ReadAllAdditional(ref Utf8JsonReader reader, IDictionary<string, object> data)
        {
            if(reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return;
            }
            while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName) AddAdditional(ref reader, data);
        }

        /// <summary>An AdditionalData value, typed as Kiota's JsonParseNode.TryGetAnything types it.</summary>
        public static object Anything(ref Utf8JsonReader reader)
        {
            switch(reader.TokenType)
            {
                case JsonTokenType.Number:
                    if(reader.TryGetDecimal(out var dec)) return dec;
                    if(reader.TryGetDouble(out var db)) return db;
                    throw new InvalidOperationException("unexpected additional value type during number deserialization");
                case JsonTokenType.String:
                    if(reader.TryGetDateTime(out var dt)) return dt;
                    if(reader.TryGetDateTimeOffset(out var dto)) return dto;
                    if(reader.TryGetGuid(out var g)) return g;
                    return reader.GetString();
                case JsonTokenType.StartArray:
                case JsonTokenType.StartObject:
                    return Untyped(ref reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Free-form JSON as Kiota's untyped nodes.</summary>
        public static UntypedNode Untyped(ref Utf8JsonReader reader)
        {
            switch(reader.TokenType)
            {
                case JsonTokenType.Number:
                    if(reader.TryGetInt32(out var intValue)) return new UntypedInteger(intValue);
                    if(reader.TryGetInt64(out var longValue)) return new UntypedLong(longValue);
                    if(reader.TryGetDecimal(out var decimalValue)) return new UntypedDecimal(decimalValue);
                    if(reader.TryGetSingle(out var floatValue)) return new UntypedFloat(floatValue);
                    if(reader.TryGetDouble(out var doubleValue)) return new UntypedDouble(doubleValue);
                    throw new InvalidOperationException("unexpected additional value type during number deserialization");
                case JsonTokenType.String:
                    return new UntypedString(reader.GetString());
                case JsonTokenType.True:
                    return new UntypedBoolean(true);
                case JsonTokenType.False:
                    return new UntypedBoolean(false);
                case JsonTokenType.StartArray:
                    var items = new List<UntypedNode>();
                    while(reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Untyped(ref reader));
                    return new UntypedArray(items);
                case JsonTokenType.StartObject:
                    var properties = new Dictionary<string, UntypedNode>();
                    while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        reader.Read();
                        properties[name] = Untyped(ref reader);
                    }
                    return new UntypedObject(properties);
                default:
                    return new UntypedNull();
            }
        }
    }

    /// <summary>The last string read in one interned slot: its UTF-8 bytes and the string made from them.</summary>
    internal sealed class InternedValue
    {
        public InternedValue(byte[] utf8, string value)
        {
            Utf8 = utf8;
            Value = value;
        }

        public byte[] Utf8 { get; }

        public string Value { get; }
    }
}
