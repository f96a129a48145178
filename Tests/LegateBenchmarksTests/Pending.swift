// Placeholder until the CLI tests land with the pricing API.
import Testing
