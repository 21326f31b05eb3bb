namespace Ezrouter.Benchmarks.Contenders;

/// <summary>What a consumer saw: the events it was handed and the characters of text it read from them.</summary>
internal readonly record struct Tally(int Events, long TextChars);
