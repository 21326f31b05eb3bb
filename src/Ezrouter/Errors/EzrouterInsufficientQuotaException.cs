using System;

namespace Ezrouter;

/// <summary>The account's balance is too low (HTTP 403 <c>insufficient_user_quota</c> or <c>pre_consume_token_quota_failed</c>, or HTTP 402 from an upstream).</summary>
public sealed class EzrouterInsufficientQuotaException : EzrouterPermissionException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterInsufficientQuotaException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
