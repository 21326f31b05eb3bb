namespace Ezrouter.Generator.Tests;

/// <summary>The one rewrite of Kiota's output: AdditionalData allocated on first use, and only in the shape it knows.</summary>
public sealed class KiotaModelRewriteTests
{
    private const string KiotaModel = """
        namespace Acme.Models
        {
            public partial class Thing : IAdditionalDataHolder, IParsable
            {
                /// <summary>Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.</summary>
                public IDictionary<string, object> AdditionalData { get; set; }
                public string? Name { get; set; }
                public Thing()
                {
                    AdditionalData = new Dictionary<string, object>();
                }
                public virtual void Serialize(ISerializationWriter writer)
                {
                    writer.WriteStringValue("name", Name);
                    writer.WriteAdditionalData(AdditionalData);
                }
            }
        }
        """;

    [Fact]
    public void TheDictionaryMovesFromTheConstructorToTheGetterAndSerializeWritesItOnlyWhenMade()
    {
        var rewritten = KiotaModelRewrite.Rewrite(KiotaModel, "Models/Thing.cs");

        Assert.DoesNotContain("AdditionalData = new Dictionary<string, object>();", rewritten);
        Assert.DoesNotContain("{ get; set; }\n        public string? Name", rewritten);
        Assert.Contains("""
                    private IDictionary<string, object> _additionalData;
                    /// <summary>Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.</summary>
                    public IDictionary<string, object> AdditionalData
                    {
                        get { return _additionalData ?? (_additionalData = new Dictionary<string, object>()); }
                        set { _additionalData = value; }
                    }
                    public string? Name { get; set; }
            """, rewritten);
        Assert.Contains("            if(_additionalData != null) writer.WriteAdditionalData(_additionalData);\n", rewritten);
        Assert.Contains("        public Thing()\n        {\n        }\n", rewritten);
    }

    [Fact]
    public void CrlfTextKeepsItsLineEndings()
    {
        var crlf = KiotaModel.Replace("\n", "\r\n");

        var rewritten = KiotaModelRewrite.Rewrite(crlf, "Models/Thing.cs");

        Assert.Equal(KiotaModelRewrite.Rewrite(KiotaModel, "Models/Thing.cs").Replace("\n", "\r\n"), rewritten);
    }

    [Fact]
    public void AFileWithoutAdditionalDataIsReturnedAsItIs()
    {
        const string builder = "public partial class ThingsRequestBuilder : BaseRequestBuilder\n{\n}\n";

        Assert.Same(builder, KiotaModelRewrite.Rewrite(builder, "Things/ThingsRequestBuilder.cs"));
    }

    [Theory]
    [InlineData("            AdditionalData = new Dictionary<string, object>();\n", "")]
    [InlineData("            writer.WriteAdditionalData(AdditionalData);\n", "            writer.WriteAdditionalData(AdditionalData ?? new Dictionary<string, object>());\n")]
    public void AShapeItDoesNotKnowStopsTheGenerationAndNamesTheFile(string line, string replacement)
    {
        var changed = KiotaModel.Replace(line, replacement);
        Assert.NotEqual(KiotaModel, changed);

        var e = Assert.Throws<InvalidOperationException>(() => KiotaModelRewrite.Rewrite(changed, "Models/Thing.cs"));

        Assert.Contains("Models/Thing.cs", e.Message);
        Assert.Contains("KiotaModelRewrite.cs", e.Message);
    }

    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public void EveryCommittedKiotaModelIsRewrittenAndARewriteIsANoOpOnThem(string specPath)
    {
        var folder = Path.Combine(RealSpecs.RepositoryRoot, RealSpecs.Surface(specPath).KiotaOutputDirectory);
        var models = Directory.GetFiles(Path.Combine(folder, "Models"), "*.cs");
        Assert.NotEmpty(models);
        foreach (var path in models)
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("IAdditionalDataHolder", StringComparison.Ordinal)) continue;
            Assert.DoesNotContain("AdditionalData = new Dictionary", text);
            Assert.Contains("get { return _additionalData ?? (_additionalData = new Dictionary<string, object>()); }", text);
            Assert.Same(text, KiotaModelRewrite.Rewrite(text, path));
        }
    }
}
