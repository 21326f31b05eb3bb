using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Ezrouter.DependencyInjection;

/// <summary>
/// Start-up validation of one registration's <see cref="EzrouterClientOptions"/> (<c>ValidateOnStart</c>): what the
/// configuration said that could not be read (each error names its configuration path), then the options as
/// configured: an API key, absolute http(s) base URLs, and no key sent over plain http to another host unless allowed.
/// </summary>
internal sealed class EzrouterOptionsValidator : IValidateOptions<EzrouterClientOptions>
{
    private readonly string _name;
    private readonly IConfiguration? _configuration;

    public EzrouterOptionsValidator(string name, IConfiguration? configuration)
    {
        _name = name;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, EzrouterClientOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal)) return ValidateOptionsResult.Skip;
        var errors = new List<string>();
        // The reader already applied the good values; read again into a scratch copy only to list what it refused.
        if (_configuration is not null) errors.AddRange(EzrouterConfigurationReader.Apply(_configuration, new EzrouterClientOptions()));
        var registration = _name.Length == 0 ? "EzrouterClientOptions" : $"EzrouterClientOptions '{_name}'";
        if (string.IsNullOrWhiteSpace(options.ApiKey)) errors.Add($"{registration}.ApiKey: required (the gateway refuses every call without a key).");
        CheckUrl(errors, registration, nameof(EzrouterClientOptions.BaseUrl), options.BaseUrl, options.AllowInsecureHttp, required: true);
        CheckUrl(errors, registration, nameof(EzrouterClientOptions.AnthropicBaseUrl), options.AnthropicBaseUrl, options.AllowInsecureHttp, required: false);
        if (options.Timeouts is null) errors.Add($"{registration}.Timeouts: required.");
        if (options.Retry is null) errors.Add($"{registration}.Retry: required.");
        if (options.Limits is null) errors.Add($"{registration}.Limits: required.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string registration, string option, Uri? url, bool allowInsecure, bool required)
    {
        if (url is null)
        {
            if (required) errors.Add($"{registration}.{option}: required.");
            return;
        }
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{registration}.{option}: '{url}' is not an absolute http or https URL.");
        else if (url.Scheme == Uri.UriSchemeHttp && !allowInsecure && !url.IsLoopback)
            errors.Add($"{registration}.{option}: plain http to {url.Host} would send the API key unencrypted; use https or set AllowInsecureHttp.");
    }
}
