"""Text classification and near-duplicate finding, trained on the deployment's own history."""
