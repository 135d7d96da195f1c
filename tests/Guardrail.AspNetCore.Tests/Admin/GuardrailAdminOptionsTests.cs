using Guardrail.AspNetCore.Admin;
using Guardrail.Testing;
using Guardrail.Testing.Admin;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary>The admin options fail fast at startup with every error listed, never echoing the key.</summary>
public sealed class GuardrailAdminOptionsTests
{
    private static ValidateOptionsResult Validate(bool? enabled, string? key) =>
        new GuardrailAdminOptionsValidator().Validate(null, new GuardrailAdminOptions { Enabled = enabled, ApiKey = key });

    [Theory]
    [InlineData(null, null)]
    [InlineData(false, null)]
    [InlineData(null, "0123456789abcdef")]
    [InlineData(true, "a-long-key-with-symbols-!@#$%^&*()_+")]
    public void Validate_GoodSettings_Succeeds(bool? enabled, string? key)
    {
        Assert.True(Validate(enabled, key).Succeeded);
    }

    [Theory]
    [InlineData(true, null, "is required when Guardrail:Admin:Enabled is true")]
    [InlineData(true, "", "is required")]
    [InlineData(null, "short-secret", "16 to 512 characters")]
    [InlineData(null, "a key with spaces in it", "printable ASCII without spaces")]
    [InlineData(null, "ключ-ключ-ключ-ключ", "printable ASCII")]
    public void Validate_BadSettings_FailsWithoutEchoingKey(bool? enabled, string? key, string message)
    {
        var result = Validate(enabled, key);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
        if (!string.IsNullOrEmpty(key)) Assert.DoesNotContain(key, result.FailureMessage);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("0123456789abcdef", true)]
    public void ApiEnabled_FollowsKeyWhenUnset(string? key, bool expected)
    {
        Assert.Equal(expected, new GuardrailAdminOptions { ApiKey = key }.ApiEnabled);
        Assert.False(new GuardrailAdminOptions { ApiKey = key, Enabled = false }.ApiEnabled);
    }

    [Fact]
    public async Task Start_ShortKey_FailsAtStartup()
    {
        await using var upstream = await FakeUpstream.StartAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminProxy.StartAsync(upstream.BaseAddress, null, apiKey: "too-short"));

        Assert.Contains("Guardrail:Admin:ApiKey must be 16 to 512 characters", error.Message);
        Assert.DoesNotContain("too-short", error.Message);
    }
}
