using PurchaseSdk.Delivery.Dashboard.Privacy;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Api;

/// <summary>Customer emails are masked wherever the page could show one, unless the options show them.</summary>
public sealed class PrivacyTests
{
    private const string Echo = "Drip answered 422: subscriber Ada.Lovelace+vip@example.com is invalid (PUT /v2/123/subscribers/Ada.Lovelace%2Bvip%40example.com)";

    [TestCase("john+test@example.com", "j***@example.com")]
    [TestCase("to john%2Btest%40example.co.uk now", "to j***@example.co.uk now")]
    [TestCase("a@b.io and c.d@e.org", "a***@b.io and c***@e.org")]
    [TestCase("Kit answered 422 (Unprocessable Entity): Email address is invalid", "Kit answered 422 (Unprocessable Entity): Email address is invalid")]
    [TestCase("user@localhost", "user@localhost")]
    public void Email_addresses_in_free_text_are_masked(string text, string expected) =>
        Assert.That(EmailMasker.Mask(text), Is.EqualTo(expected));

    [TestCase(false)]
    [TestCase(true)]
    public async Task An_email_a_provider_quoted_in_an_error_is_masked_unless_the_options_show_it(bool show)
    {
        await using var host = await DashboardHost.StartAsync(new()
        {
            Dashboard = o => o.ShowCustomerEmails = show,
            DecorateAdmin = admin => new EchoingAdmin(admin, Echo),
        });
        using var client = host.CreateClient();

        var answers = new[]
        {
            DashboardApi.Compact(await client.GetJsonAsync("api/deliveries?state=Failed")),
            DashboardApi.Compact(await client.GetJsonAsync("api/order?orderId=ORD-2")),
            DashboardApi.Compact(await client.GetJsonAsync($"api/deliveries/{host.Seeded.FailedKit}")),
        };

        if (show)
        {
            Assert.That(answers, Has.All.Contains("Ada.Lovelace+vip@example.com"));
        }
        else
        {
            Assert.That(answers, Has.All.Contains("subscriber A***@example.com is invalid (PUT /v2/123/subscribers/A***@example.com)"));
            Assert.That(answers, Has.None.Contains("Lovelace"));
        }
    }

    /// <summary>An admin API whose failed deliveries carry an error that quotes the customer's email, as some providers' do.</summary>
    private sealed class EchoingAdmin(IPurchaseDeliveryAdmin inner, string error) : IPurchaseDeliveryAdmin
    {
        public async Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
        {
            var page = await inner.ListAsync(query, cancellationToken);
            return new DeliveryPage([.. page.Items.Select(Echo)], page.NextAfterId);
        }

        public Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken = default) => inner.CountAsync(filter, cancellationToken);

        public Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

        public Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(window, bucket, cancellationToken);

        public async Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
        {
            var order = await inner.GetOrderAsync(orderId, cancellationToken);
            return order is null ? null : new OrderDeliveries { OrderId = order.OrderId, EnqueuedAt = order.EnqueuedAt, HasPayload = order.HasPayload, Deliveries = [.. order.Deliveries.Select(Echo)] };
        }

        public async Task<DeliveryRecord?> GetAsync(long deliveryId, CancellationToken cancellationToken = default) =>
            await inner.GetAsync(deliveryId, cancellationToken) is { } delivery ? Echo(delivery) : null;

        public Task<DeliveryChangeResult> RedriveAsync(long deliveryId, CancellationToken cancellationToken = default) => inner.RedriveAsync(deliveryId, cancellationToken);

        public Task<DeliveryChangeResult> ResolveAsDeliveredAsync(long deliveryId, string? providerReference, CancellationToken cancellationToken = default) => inner.ResolveAsDeliveredAsync(deliveryId, providerReference, cancellationToken);

        public Task<DeliveryChangeResult> ResendAcceptingDuplicateRiskAsync(long deliveryId, CancellationToken cancellationToken = default) => inner.ResendAcceptingDuplicateRiskAsync(deliveryId, cancellationToken);

        public Task<DeliveryChangeResult> CancelAsync(long deliveryId, CancellationToken cancellationToken = default) => inner.CancelAsync(deliveryId, cancellationToken);

        public Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) => inner.PurgeAsync(olderThan, cancellationToken);

        private DeliveryRecord Echo(DeliveryRecord d) => d.State != DeliveryState.Failed ? d : new DeliveryRecord
        {
            Id = d.Id,
            OrderId = d.OrderId,
            Provider = d.Provider,
            State = d.State,
            EnqueuedAt = d.EnqueuedAt,
            UpdatedAt = d.UpdatedAt,
            NextAttemptAt = d.NextAttemptAt,
            FinishedAt = d.FinishedAt,
            LeasedUntil = d.LeasedUntil,
            Attempts = d.Attempts,
            EarlierAttemptMayHaveLanded = d.EarlierAttemptMayHaveLanded,
            ProviderReference = d.ProviderReference,
            LastError = error,
            Resolution = d.Resolution,
            History = [.. d.History.Select(a => new DeliveryAttempt { Number = a.Number, StartedAt = a.StartedAt, EndedAt = a.EndedAt, Outcome = a.Outcome, ProviderAttempts = a.ProviderAttempts, Message = error })],
        };
    }
}
