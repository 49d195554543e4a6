"""Business rules of each resource, shared by the API resources, the admin API and the web UI."""
