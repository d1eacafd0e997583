"""Headless photo pipeline: detect the face, check the frame, crop the ID photo; load and
shrink paper scans. No Qt here; the GUI wraps these functions, the CLI calls them directly."""

from app.photos.checks import check_frame, crop_id_photo
from app.photos.detect import FaceDetector
from app.photos.files import encode_jpeg, load_image, prepare_scan
from app.photos.geometry import ID_HEIGHT, ID_WIDTH
from app.photos.messages import CHECK_REASONS, LOAD_REASONS
from app.photos.service import process_photo_file
from app.photos.sources import FrameSource, OpenCvCamera, SyntheticCamera, list_cameras
from app.photos.types import FaceBox, ImageRefused, PhotoCheck

__all__ = [
    "CHECK_REASONS",
    "ID_HEIGHT",
    "ID_WIDTH",
    "LOAD_REASONS",
    "FaceBox",
    "FaceDetector",
    "FrameSource",
    "ImageRefused",
    "OpenCvCamera",
    "PhotoCheck",
    "SyntheticCamera",
    "check_frame",
    "crop_id_photo",
    "encode_jpeg",
    "list_cameras",
    "load_image",
    "prepare_scan",
    "process_photo_file",
]
