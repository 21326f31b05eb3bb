namespace Ezrouter.Tests.Corpus;

/// <summary>
/// Corpus cases whose demanded outcome the SDK does not give yet (issue #12 items 1–4 are being fixed). The corpus
/// theory asserts each of these STILL fails; when a fix lands, the case's test fails with "now passes: remove it
/// from KnownFailing" — then delete its line here. Regenerate the whole list with EZROUTER_CORPUS_REPORT=path (see
/// <see cref="CorpusRunner.Report"/>): every FAIL line's id.
/// </summary>
public static class KnownFailing
{
    public static readonly IReadOnlySet<string> Ids = new HashSet<string>(
        """
        # one case id a line
        """.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith('#')), StringComparer.Ordinal);
}
