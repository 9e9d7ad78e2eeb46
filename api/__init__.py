"""HotGigs GraphQL API: Strawberry types and resolvers over the domain."""
