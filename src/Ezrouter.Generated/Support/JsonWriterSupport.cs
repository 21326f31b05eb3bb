// Hand-written support for the generated writers under */Writers: mirrors JsonSerializationWriter.WriteUntypedValue
// (Microsoft.Kiota.Serialization.Json 2.x), including what it leaves out: a string node holding null writes nothing
// (not even its name), and an unknown node writes nothing. Compiled and unit-tested as it is.
using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Generated.Support
{
    /// <summary>Kiota's JSON serialization-writer conversions on a Utf8JsonWriter.</summary>
    internal static class JsonWriterSupport
    {
        /// <summary>Writes free-form JSON as Kiota's writer does, the property name first when there is one; false for what it cannot mirror.</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property name, or null inside an array.</param>
        /// <param name="node">The value.</param>
        /// <returns>Whether the value was written.</returns>
        public static bool TryWriteUntyped(Utf8JsonWriter writer, string name, UntypedNode node)
        {
            switch(node)
            {
                case UntypedString text:
                    var value = text.GetValue();
                    if(value == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStringValue(value);
                    return true;
                case UntypedBoolean boolean:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteBooleanValue(boolean.GetValue());
                    return true;
                case UntypedInteger integer:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(integer.GetValue());
                    return true;
                case UntypedLong number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedDecimal number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedFloat number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedDouble number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedNull:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNullValue();
                    return true;
                case UntypedArray array:
                    var items = array.GetValue();
                    if(items == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStartArray();
                    foreach(var item in items)
                    {
                        if(item != null && !TryWriteUntyped(writer, null, item)) return false;
                    }
                    writer.WriteEndArray();
                    return true;
                case UntypedObject map:
                    var properties = map.GetValue();
                    if(properties == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStartObject();
                    foreach(var property in properties)
                    {
                        // Kiota writes no name for an empty key (invalid JSON), and nothing for a null value.
                        if(string.IsNullOrEmpty(property.Key)) return false;
                        if(property.Value != null && !TryWriteUntyped(writer, property.Key, property.Value)) return false;
                    }
                    writer.WriteEndObject();
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Writes AdditionalData as JsonSerializationWriter.WriteAdditionalData does (WriteAnyValue per entry); false for
        /// a value it cannot mirror (a dictionary, a collection of primitives, an IParsable, Kiota's Date and Time types,
        /// anything reflection-serialized) or an empty key, which Kiota would write without a name.
        /// </summary>
        /// <param name="writer">The writer, inside an object.</param>
        /// <param name="data">The entries, written in the dictionary's order.</param>
        /// <returns>Whether every entry was written.</returns>
        public static bool TryWriteAdditional(Utf8JsonWriter writer, IDictionary<string, object> data)
        {
            // Almost always empty: no enumerator (boxed, for an IDictionary) is made for nothing.
            if(data == null || data.Count == 0) return true;
            foreach(var entry in data)
            {
                if(string.IsNullOrEmpty(entry.Key)) return false;
                if(!TryWriteAny(writer, entry.Key, entry.Value)) return false;
            }
            return true;
        }

        private static bool TryWriteAny(Utf8JsonWriter writer, string key, object value)
        {
            switch(value)
            {
                case null:
                    writer.WriteNull(key);
                    return true;
                case string text:
                    writer.WriteString(key, text);
                    return true;
                case bool flag:
                    writer.WriteBoolean(key, flag);
                    return true;
                case byte number:
                    writer.WriteNumber(key, number);
                    return true;
                case sbyte number:
                    writer.WriteNumber(key, number);
                    return true;
                case int number:
                    writer.WriteNumber(key, number);
                    return true;
                case float number:
                    writer.WriteNumber(key, number);
                    return true;
                case long number:
                    writer.WriteNumber(key, number);
                    return true;
                case double number:
                    writer.WriteNumber(key, number);
                    return true;
                case decimal number:
                    writer.WriteNumber(key, number);
                    return true;
                case Guid guid:
                    writer.WriteString(key, guid);
                    return true;
                case DateTimeOffset moment:
                    writer.WriteString(key, moment);
                    return true;
                // Kiota writes a DateTime (what its parse node makes of an ISO date string) as a DateTimeOffset.
                case DateTime moment:
                    writer.WriteString(key, new DateTimeOffset(moment));
                    return true;
                case UntypedNode node:
                    return TryWriteUntyped(writer, key, node);
                default:
                    return false;
            }
        }
    }
}
