// The README's first command: `dotnet run --project samples/PurchaseSdk.Samples.Console`.
// With no provider settings it starts the in-process sandbox and shows the SDK's whole job; `--help` says how to
// talk to the real providers instead.
return await PurchaseSdk.Samples.Console.SampleApp.RunAsync(args, System.Console.Out);
