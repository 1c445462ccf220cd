"""Ancres des titres comme celles de JupyterLab, pour que les liens des leçons marchent aussi sur le site."""


def ancre_jupyterlab(titre: str) -> str:
    # JupyterLab names a heading's anchor after its text, spaces replaced by hyphens
    # (« Coût d'acquisition » → #Coût-d'acquisition) : the lessons link to those anchors.
    return titre.strip().replace(" ", "-")
