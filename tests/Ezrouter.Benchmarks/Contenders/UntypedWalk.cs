using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Benchmarks.Contenders;

/// <summary>Visits every node of a Kiota untyped value (a tool call's parsed input), so nothing stays unread.</summary>
internal static class UntypedWalk
{
    public static int CountNodes(UntypedNode node)
    {
        switch (node)
        {
            case UntypedObject obj:
                var count = 1;
                foreach (var property in obj.GetValue()) count += CountNodes(property.Value);
                return count;
            case UntypedArray array:
                var items = 1;
                foreach (var item in array.GetValue()) items += CountNodes(item);
                return items;
            case UntypedString text:
                return text.GetValue() is null ? 0 : 1;
            default:
                return 1;
        }
    }
}
