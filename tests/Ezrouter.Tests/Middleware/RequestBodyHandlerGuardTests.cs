using System.Text.Json.Nodes;
using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="RequestBodyHandler"/>'s guards: which field is the model (top level only, a string only), the errors'
/// names, and a body rewritten for the end user that keeps its content headers.
/// </summary>
public sealed class RequestBodyHandlerGuardTests
{
    private readonly MockHttpMessageHandler _mock = new();
    private HttpRequestMessage? _sent;
    private string? _sentBody;

    private HttpMessageInvoker Invoker(string? endUserId)
    {
        _mock.When("*").Respond(async request =>
        {
            _sent = request;
            _sentBody = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        return HandlerChain.Invoker(_mock, new RequestBodyHandler(endUserId));
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, "https://www.ezrouter.dev" + path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public void AnEndUserWithCrLfIsRefusedUnderTheConstructorsParameterName()
    {
        var error = Assert.Throws<ArgumentException>(() => new RequestBodyHandler("u\r\nX: y"));

        Assert.Equal("endUserId", error.ParamName);
    }

    [Fact]
    public void ANullOptionIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new RequestBodyHandler((RequestBodyHandlerOption)null!));

        Assert.Equal("option", error.ParamName);
    }

    [Fact]
    public async Task AModelWithCrLfIsRefusedUnderTheNameModelAndSaysWhy()
    {
        using var invoker = Invoker(null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => invoker.SendAsync(Post("/v1/chat/completions", """{"model":"gpt\r\nX: 1"}"""), CancellationToken.None));

        Assert.Equal("model", error.ParamName);
        Assert.StartsWith("The model name contains a CR or LF character.", error.Message);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"a\nb"}]}""")]
    [InlineData("""{"user":"line one\nline two","model":"gpt-5.2"}""")]
    [InlineData("""{"metadata":{"model":"a\r\nb"},"model":"gpt-5.2"}""")]
    [InlineData("""{"model":{"name":"a\nb"}}""")]
    public async Task OnlyATopLevelStringModelIsChecked(string json)
    {
        using var invoker = Invoker(null);

        using var response = await invoker.SendAsync(Post("/v1/chat/completions", json), CancellationToken.None);

        Assert.Equal(json, _sentBody);
    }

    [Fact]
    public async Task AModelAfterNestedFieldsIsStillChecked()
    {
        using var invoker = Invoker(null);
        const string json = """{"messages":[{"role":"user","content":"hi"}],"metadata":{"a":{"b":1}},"model":"gpt\n"}""";

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(Post("/v1/chat/completions", json), CancellationToken.None));

        Assert.Equal("model", Assert.IsType<ArgumentException>(error).ParamName);
        Assert.Null(_sentBody);
    }

    [Theory]
    [InlineData("escaped LF", """{"model":"gpt\u000A-5"}""")]
    [InlineData("escaped CR", """{"model":"gpt\r"}""")]
    [InlineData("the second of two", """{"model":"gpt-5.2","model":"gpt\nX: 1"}""")]
    [InlineData("the first of two", """{"model":"gpt\nX: 1","model":"gpt-5.2"}""")]
    [InlineData("an escaped name", """{"mod\u0065l":"gpt\n"}""")]
    [InlineData("written with whitespace", "{\n  \"messages\": [],\n  \"model\": \"gpt\\n\"\n}")]
    [InlineData("raw LF, not JSON", "{\"model\":\"gpt\nX\"}")]
    [InlineData("a space before the value, a comma in it", "{\"model\": \"a\\n,\",\":1\":2}")]
    [InlineData("spaces and brackets in strings before it", "{\"a\": \"q,\",\":{\":0,\"model\":\"a\\nb\",\"b\":\"},\",\":1\":2}")]
    [InlineData("raw LF next to an escape", "{\"model\":\"a\\u0041\nb\"}")]
    [InlineData("after nesting deeper than 64", "{ \"a\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]" + ",\"model\":\"a\\nb\"}")]
    [InlineData("after a byte-order mark", "\uFEFF{\"model\":\"a\\nb\"}")]
    [InlineData("after a comment", "{/* c */\"model\":\"a\\nb\"}")]
    public async Task EveryWayOfSpellingALineBreakInTheModelIsRefused(string why, string json)
    {
        using var invoker = Invoker(null);

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(Post("/v1/chat/completions", json), CancellationToken.None));

        Assert.True(error is ArgumentException { ParamName: "model" }, $"{why}: {error?.GetType().Name ?? "sent"}");
        Assert.Null(_sentBody);
    }

    [Fact]
    public async Task AModelAfterALongHistoryIsCheckedAndAQuoteInTheHistoryIsNotAModel()
    {
        using var invoker = Invoker(null);
        const string turn = """{"role":"user","content":"say \"model\":\"x\n\" then {[\\ ]}"}""";
        var clean = """{"messages":[""" + string.Join(',', Enumerable.Repeat(turn, 2000)) + """],"model":"gpt-5.2"}""";

        using var response = await invoker.SendAsync(Post("/v1/chat/completions", clean), CancellationToken.None);
        Assert.Equal(clean, _sentBody);
        _sentBody = null;
        var error = await Record.ExceptionAsync(() => invoker.SendAsync(Post("/v1/chat/completions", clean.Replace("gpt-5.2", @"gpt\r")), CancellationToken.None));

        Assert.Equal("model", Assert.IsType<ArgumentException>(error).ParamName);
        Assert.Null(_sentBody);
    }

    [Fact]
    public async Task ABodyRewrittenForTheEndUserKeepsItsContentHeaders()
    {
        using var invoker = Invoker("end-user-42");
        var request = Post("/v1/chat/completions", """{"model":"gpt-5.2"}""");
        request.Content!.Headers.ContentLanguage.Add("en");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("end-user-42", JsonNode.Parse(_sentBody!)!["user"]!.GetValue<string>());
        Assert.Equal("application/json; charset=utf-8", _sent!.Content!.Headers.ContentType!.ToString());
        Assert.Equal(["en"], _sent.Content.Headers.ContentLanguage);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(_sentBody!), _sent.Content.Headers.ContentLength);
        // In memory, read in place: a retry sends it again without buffering a copy of it.
        Assert.IsType<Ezrouter.Http.RequestBodyContent>(_sent.Content);
    }

    [Fact]
    public async Task AnEndUserLongerThanTheBodyIsAddedWhole()
    {
        var endUser = new string('u', 200);
        using var invoker = Invoker(endUser);

        using var response = await invoker.SendAsync(Post("/v1/chat/completions", """{"model":"m"}"""), CancellationToken.None);

        Assert.Equal(endUser, JsonNode.Parse(_sentBody!)!["user"]!.GetValue<string>());
    }
}
