using System;
using System.Collections.Generic;

namespace Ezrouter.Testing.Recording;

/// <summary>
/// Cuts a byte stream into SSE frames as it arrives: a frame ends with a blank line and keeps any
/// further blank lines (the gateway's Anthropic framing ends events with <c>\n\n\n</c>).
/// </summary>
internal sealed class SseFrameSplitter
{
    private byte[] buffer = new byte[4096];
    private int length;
    private bool lastFrameEndedAtChunkEnd;

    /// <summary>Adds a chunk and returns the frames it completed.</summary>
    /// <param name="chunk">The bytes just received.</param>
    /// <returns>
    /// <c>Tail</c>: blank-line bytes that belong to the previous frame (they arrived in a later chunk);
    /// <c>Frames</c>: the frames completed by this chunk.
    /// </returns>
    public (byte[] Tail, List<byte[]> Frames) Push(ReadOnlySpan<byte> chunk)
    {
        var tail = Array.Empty<byte>();
        if (lastFrameEndedAtChunkEnd && length == 0)
        {
            var newlines = CountBlankLineBytes(chunk, 0);
            tail = chunk[..newlines].ToArray();
            chunk = chunk[newlines..];
        }

        Append(chunk);
        var frames = new List<byte[]>();
        lastFrameEndedAtChunkEnd = false;
        int end;
        while ((end = FindFrameEnd()) > 0)
        {
            frames.Add(buffer.AsSpan(0, end).ToArray());
            Buffer.BlockCopy(buffer, end, buffer, 0, length - end);
            length -= end;
            lastFrameEndedAtChunkEnd = length == 0;
        }

        if (chunk.Length == 0 && tail.Length > 0)
        {
            // The chunk was all trailing blank lines; more may follow.
            lastFrameEndedAtChunkEnd = true;
        }

        return (tail, frames);
    }

    /// <summary>Returns bytes that never got a terminating blank line (a cut stream, a bare JSON error), or null.</summary>
    public byte[]? Flush()
    {
        if (length == 0)
        {
            return null;
        }

        var rest = buffer.AsSpan(0, length).ToArray();
        length = 0;
        return rest;
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        if (length + chunk.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + chunk.Length));
        }

        chunk.CopyTo(buffer.AsSpan(length));
        length += chunk.Length;
    }

    private int FindFrameEnd()
    {
        var data = buffer.AsSpan(0, length);
        for (var i = 0; i < data.Length - 1; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }

            var blank = CountBlankLineBytes(data, i + 1);
            if (blank > 0)
            {
                var end = i + 1 + blank;
                return end;
            }
        }

        return 0;
    }

    /// <summary>Counts the bytes of consecutive empty lines (<c>\n</c> or <c>\r\n</c>) starting at <paramref name="start"/>.</summary>
    private static int CountBlankLineBytes(ReadOnlySpan<byte> data, int start)
    {
        var i = start;
        while (i < data.Length)
        {
            if (data[i] == (byte)'\n')
            {
                i++;
            }
            else if (data[i] == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i - start;
    }
}
