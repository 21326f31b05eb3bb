using System;

namespace Ezrouter.Http;

/// <summary>Guards values that end up in headers: a CR or LF could split a header or forge a log line.</summary>
internal static class HeaderValues
{
    public static void Validate(string value, string parameterName)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("The value contains a CR or LF character.", parameterName);
    }
}
