using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>Closed string enums → C# enums with [EnumMember] carrying the wire value.</summary>
public sealed class EnumEmitter(CSharpTypes types)
{
    public string Emit(EnumDef model)
    {
        var w = KiotaFile.Begin(types.ModelsNamespace, "System", "System.Runtime.Serialization");
        w.Summary(Docs.Or(model.Description, $"The {model.Name} values."));
        KiotaFile.GeneratedCode(w);
        w.Open($"public enum {model.Name}");
        foreach (var value in model.Values)
        {
            w.Line($"/// <summary>The <c>{Docs.Escape(value.WireValue)}</c> value.</summary>");
            if (value.Name != value.WireValue) w.Line($"[EnumMember(Value = \"{value.WireValue}\")]");
            w.Line($"{value.Name},");
        }
        w.Close();
        return KiotaFile.End(w);
    }
}
