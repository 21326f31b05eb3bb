using System;
using System.Buffers;

namespace Ezrouter.Http;

/// <summary>
/// Buffers for whole response bodies: pooled while they are small, plain arrays when they are large. A large buffer
/// returned to the shared pool would stay alive there long after the one big answer that needed it, so only buffers up
/// to <see cref="PooledMax"/> go back; and a body is never given more than that up front on its Content-Length's word
/// alone (a server can declare any length and send nothing), it grows as bytes actually arrive.
/// </summary>
internal static class BodyBuffers
{
    /// <summary>The largest buffer rented from, and returned to, the shared pool: 1 MiB.</summary>
    public const int PooledMax = 1 << 20;

    /// <summary>A buffer of at least <paramref name="size"/> bytes.</summary>
    public static byte[] Rent(int size) =>
        size <= PooledMax ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    /// <summary>Gives a buffer from <see cref="Rent"/> back: to the pool when it is small, to the GC otherwise.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= PooledMax) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The first buffer for a body: its declared length plus one byte (to see it run past), at most 1 MiB.</summary>
    public static int InitialSize(long? contentLength, long limit) =>
        contentLength is { } known ? (int)Math.Min(Math.Min(known, limit) + 1, PooledMax) : 16 * 1024;
}
