using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;

namespace Ezrouter.Middleware.Options;

/// <summary>
/// <see cref="RequestBodyHandler"/>'s option. The client's (from <see cref="EzrouterClientOptions.EndUserId"/>) is the
/// default; a request carrying its own replaces it for that request, the way Kiota's handler options work:
/// <c>c =&gt; c.Options.Add(new RequestBodyHandlerOption { EndUserId = "user-7" })</c> names another end user, and
/// an option with no <see cref="EndUserId"/> sends the request without one.
/// </summary>
public sealed class RequestBodyHandlerOption : IRequestOption
{
    private string? _endUserId;

    /// <summary>
    /// The end user filled into a request that names none (OpenAI <c>user</c> on chat completions, Anthropic
    /// <c>metadata.user_id</c> on messages), or null for none. A CR or LF is rejected with an <see cref="System.ArgumentException"/>.
    /// </summary>
    public string? EndUserId
    {
        get => _endUserId;
        set
        {
            if (value is not null) HeaderValues.Validate(value, nameof(EndUserId));
            _endUserId = value;
        }
    }
}
