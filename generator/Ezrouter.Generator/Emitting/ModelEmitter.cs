using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>Object schemas → IParsable classes; error envelopes derive from ApiException.</summary>
public sealed class ModelEmitter(CSharpTypes types)
{
    private const string AdditionalDataDoc = "Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.";

    public string Emit(ObjectDef model)
    {
        var usings = new List<string> { "Microsoft.Kiota.Abstractions.Extensions", "Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.IO" };
        if (model.IsError) usings.Add("Microsoft.Kiota.Abstractions");
        var w = KiotaFile.Begin(types.ModelsNamespace, [.. usings]);
        w.Summary(Docs.Or(model.Description, $"The {model.Name} model."));
        KiotaFile.GeneratedCode(w);
        var bases = model.IsError ? "ApiException, IAdditionalDataHolder, IParsable" : "IAdditionalDataHolder, IParsable";
        w.Open($"public partial class {model.Name} : {bases}");

        // Members in name order, as Kiota sorts them.
        var members = model.Properties.Select(p => (p.Name, Property: (PropertyDef?)p)).Append(("AdditionalData", null)).OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var (name, property) in members)
        {
            if (property is null)
            {
                // Deviation from Kiota, which allocates the dictionary in the constructor: allocated on first use, since
                // an SSE chunk builds several models per event and almost none carry unknown fields.
                w.Line("private IDictionary<string, object> _additionalData;");
                w.Line($"/// <summary>{AdditionalDataDoc}</summary>");
                w.Line("public IDictionary<string, object> AdditionalData");
                w.Line("{");
                w.Line("    get { return _additionalData ?? (_additionalData = new Dictionary<string, object>()); }");
                w.Line("    set { _additionalData = value; }");
                w.Line("}");
                continue;
            }
            w.Line($"/// <summary>{Docs.OneLineXml(property.Description, $"The {property.WireName} property")}</summary>");
            KiotaFile.Property(w, types.Declared(property.Type), property.Name, CSharpTypes.IsReference(property.Type));
        }
        if (model.IsError)
        {
            w.Line("/// <summary>The primary error message.</summary>");
            w.Line("public override string Message { get => base.Message; }");
        }

        w.SummaryXml($"Instantiates a new <see cref=\"{types.Full(model.Name)}\"/> and sets the default values.");
        w.Open($"public {model.Name}()");
        w.Close();

        WriteFactory(w, model.Name);

        w.Summary("The deserialization information for the current model");
        w.Line("/// <returns>A IDictionary&lt;string, Action&lt;IParseNode&gt;&gt;</returns>");
        w.Open("public virtual IDictionary<string, Action<IParseNode>> GetFieldDeserializers()");
        w.Line("return new Dictionary<string, Action<IParseNode>>");
        w.Line("{");
        foreach (var p in model.Properties.OrderBy(p => p.WireName, StringComparer.Ordinal))
            w.Line($"    {{ \"{p.WireName}\", n => {{ {p.Name} = {types.Read(p.Type)}; }} }},");
        w.Line("};");
        w.Close();

        w.Summary("Serializes information the current object");
        w.Line("/// <param name=\"writer\">Serialization writer to use to serialize this model</param>");
        w.Open("public virtual void Serialize(ISerializationWriter writer)");
        KiotaFile.Guard(w, "writer");
        foreach (var p in model.Properties.OrderBy(p => p.WireName, StringComparer.Ordinal))
            w.Line(types.Write(p.Type, $"\"{p.WireName}\"", p.Name));
        w.Line("if(_additionalData != null) writer.WriteAdditionalData(_additionalData);");
        w.Close();

        w.Close();
        return KiotaFile.End(w);
    }

    private void WriteFactory(CodeWriter w, string name)
    {
        w.Summary("Creates a new instance of the appropriate class based on discriminator value");
        w.Line($"/// <returns>A <see cref=\"{types.Full(name)}\"/></returns>");
        w.Line("/// <param name=\"parseNode\">The parse node to use to read the discriminator value and create the object</param>");
        w.Open($"public static {types.Full(name)} CreateFromDiscriminatorValue(IParseNode parseNode)");
        KiotaFile.Guard(w, "parseNode");
        w.Line($"return new {types.Full(name)}();");
        w.Close();
    }
}
