using System;
using System.Collections.Generic;
using System.Linq;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Responses;

/// <summary>
/// Builds the items of a Responses API <c>input</c> array. Kiota 1.38 emits <see cref="ResponseInputItem"/> without
/// properties (a model reached only as the array member of a <c>oneOf</c>; see openapi/README.md), so its fields live
/// in <c>AdditionalData</c>; these put them there with the wire names, as strings, and are sent as given.
/// </summary>
public static class ResponseInputItems
{
    /// <summary>A message whose content is a string: <c>{"role": role, "content": text}</c>.</summary>
    /// <param name="role"><c>user</c>, <c>assistant</c>, <c>system</c> or <c>developer</c>.</param>
    /// <param name="text">The message text.</param>
    public static ResponseInputItem Message(string role, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentNullException.ThrowIfNull(text);
        return new ResponseInputItem { AdditionalData = { ["role"] = role, ["content"] = text } };
    }

    /// <summary>A user message with a string content.</summary>
    public static ResponseInputItem User(string text) => Message("user", text);

    /// <summary>An earlier assistant turn, replayed as history.</summary>
    public static ResponseInputItem Assistant(string text) => Message("assistant", text);

    /// <summary>A message whose content is <c>input_text</c> parts, one per text: <c>{"role": role, "content": [{"type": "input_text", "text": ...}]}</c>.</summary>
    public static ResponseInputItem MessageWithParts(string role, params IEnumerable<string> texts)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentNullException.ThrowIfNull(texts);
        var parts = texts.Select(text => (UntypedNode)new UntypedObject(new Dictionary<string, UntypedNode>
        {
            ["type"] = new UntypedString("input_text"),
            ["text"] = new UntypedString(text ?? throw new ArgumentException("A part's text is null.", nameof(texts))),
        })).ToList();
        return new ResponseInputItem { AdditionalData = { ["role"] = role, ["content"] = new UntypedArray(parts) } };
    }

    /// <summary>A function call from an earlier response, replayed so that its output can follow it.</summary>
    public static ResponseInputItem FunctionCall(ResponseOutputItem call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Type != "function_call") throw new ArgumentException($"The item is a {call.Type ?? "null"}, not a function_call.", nameof(call));
        var item = new ResponseInputItem { AdditionalData = { ["type"] = "function_call" } };
        if (call.Id is { } id) item.AdditionalData["id"] = id;
        if (call.CallId is { } callId) item.AdditionalData["call_id"] = callId;
        if (call.Name is { } name) item.AdditionalData["name"] = name;
        item.AdditionalData["arguments"] = call.Arguments ?? "{}";
        return item;
    }

    /// <summary>The result of a function call: <c>{"type": "function_call_output", "call_id": callId, "output": output}</c>.</summary>
    public static ResponseInputItem FunctionCallOutput(string callId, string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(output);
        return new ResponseInputItem { AdditionalData = { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = output } };
    }
}
