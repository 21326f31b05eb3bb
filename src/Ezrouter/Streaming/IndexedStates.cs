using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Ezrouter.Streaming;

/// <summary>
/// An accumulator's state per index the stream gives (a choice, a content block, an output item, a part), read back in
/// index order. A <see cref="Dictionary{TKey, TValue}"/>, not a <c>SortedDictionary</c>: its code for int keys comes
/// precompiled with the runtime, where a <c>SortedDictionary</c>'s (about 40 methods) was compiled on the first
/// stream of every process and kept a tree node per entry; the order is needed once, when the result is built.
/// </summary>
internal sealed class IndexedStates<T>
    where T : class
{
    private readonly Dictionary<int, T> _byIndex = new();
    private int _max = int.MinValue;

    public int Count => _byIndex.Count;

    /// <summary>The largest index held; only when <see cref="Count"/> is more than zero.</summary>
    public int MaxIndex => _max;

    public bool TryGetValue(int index, [MaybeNullWhen(false)] out T state) => _byIndex.TryGetValue(index, out state);

    public T this[int index]
    {
        get => _byIndex[index];
        set
        {
            _byIndex[index] = value;
            if (index > _max) _max = index;
        }
    }

    /// <summary>Whether any state matches, in no particular order.</summary>
    public bool Any(Func<T, bool> predicate)
    {
        foreach (var state in _byIndex.Values)
            if (predicate(state)) return true;
        return false;
    }

    /// <summary>The indexes held, in ascending order (a new array).</summary>
    public int[] SortedIndexes()
    {
        var indexes = new int[_byIndex.Count];
        _byIndex.Keys.CopyTo(indexes, 0);
        Array.Sort(indexes);
        return indexes;
    }

    /// <summary>Each state mapped, in index order.</summary>
    public List<TResult> Map<TResult>(Func<int, T, TResult> map)
    {
        var results = new List<TResult>(_byIndex.Count);
        foreach (var index in SortedIndexes()) results.Add(map(index, _byIndex[index]));
        return results;
    }
}
